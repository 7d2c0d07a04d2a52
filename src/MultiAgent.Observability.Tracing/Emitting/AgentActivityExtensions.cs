using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>Records GenAI token usage and errors on a span, following the OpenTelemetry GenAI conventions.</summary>
public static class AgentActivityExtensions
{
    /// <summary>Sets <c>gen_ai.usage.input_tokens</c> and <c>gen_ai.usage.output_tokens</c> on the span.</summary>
    /// <param name="activity">The span.</param>
    /// <param name="inputTokens">Tokens in the prompt; not negative.</param>
    /// <param name="outputTokens">Tokens in the response; not negative.</param>
    /// <returns>The same span, for chaining.</returns>
    /// <remarks>
    /// Set usage on the span that made the model call. An <c>invoke_agent</c> span whose children already carry usage
    /// should not repeat it, or sums over the trace count the tokens twice.
    /// </remarks>
    public static Activity SetTokenUsage(this Activity activity, long inputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        activity.SetTag(GenAIAttributes.UsageInputTokens, inputTokens);
        activity.SetTag(GenAIAttributes.UsageOutputTokens, outputTokens);
        return activity;
    }

    /// <summary>
    /// Marks the span as failed: status <see cref="ActivityStatusCode.Error"/> with the exception message,
    /// <c>error.type</c> = the exception's full type name, and an <c>exception</c> event.
    /// </summary>
    /// <param name="activity">The span.</param>
    /// <param name="exception">The exception the operation ended with.</param>
    /// <returns>The same span, for chaining.</returns>
    public static Activity SetError(this Activity activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(exception);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag(GenAIAttributes.ErrorType, exception.GetType().FullName);
        activity.AddException(exception);
        return activity;
    }

    /// <summary>Marks the span as failed: status <see cref="ActivityStatusCode.Error"/> and <c>error.type</c>.</summary>
    /// <param name="activity">The span.</param>
    /// <param name="errorType">A low-cardinality error class, for example <c>timeout</c> or an HTTP status code.</param>
    /// <param name="description">A human-readable description for the span status, if any.</param>
    /// <returns>The same span, for chaining.</returns>
    public static Activity SetError(this Activity activity, string errorType, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        activity.SetStatus(ActivityStatusCode.Error, description);
        activity.SetTag(GenAIAttributes.ErrorType, errorType);
        return activity;
    }
}
