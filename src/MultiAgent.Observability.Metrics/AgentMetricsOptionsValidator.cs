using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Metrics;

/// <summary>Per-field rules, source-generated from the attributes on <see cref="AgentMetricsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AgentMetricsOptionsValidator : IValidateOptions<AgentMetricsOptions>;

/// <summary>Rules on durations and across fields, all reported at once.</summary>
internal sealed class AgentMetricsOptionsCustomValidator : IValidateOptions<AgentMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentMetricsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.MaxFlushDelay < TimeSpan.FromMilliseconds(1))
        {
            builder.AddError($"must be at least 1 millisecond, not {options.MaxFlushDelay}", nameof(AgentMetricsOptions.MaxFlushDelay));
        }

        if (options.SummaryMaxAge < TimeSpan.FromSeconds(1))
        {
            builder.AddError($"must be at least 1 second, not {options.SummaryMaxAge}", nameof(AgentMetricsOptions.SummaryMaxAge));
        }

        if (options.BatchSize > options.Capacity)
        {
            builder.AddError($"must not exceed Capacity ({options.Capacity}), or one batch could never be buffered", nameof(AgentMetricsOptions.BatchSize));
        }

        if (!Enum.IsDefined(options.FullBufferPolicy))
        {
            builder.AddError($"'{options.FullBufferPolicy}' is not a FullBufferPolicy", nameof(AgentMetricsOptions.FullBufferPolicy));
        }

        return builder.Build();
    }
}
