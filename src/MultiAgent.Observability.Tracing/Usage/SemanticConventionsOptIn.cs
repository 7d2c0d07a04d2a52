namespace MultiAgent.Observability.Tracing;

/// <summary>Reads <c>OTEL_SEMCONV_STABILITY_OPT_IN</c>, the OpenTelemetry variable that selects which conventions version instrumentation emits.</summary>
internal static class SemanticConventionsOptIn
{
    public const string Variable = "OTEL_SEMCONV_STABILITY_OPT_IN";
    public const string GenAILatestExperimental = "gen_ai_latest_experimental";

    /// <summary>Gets whether a value of the variable (a comma-separated list) selects the latest experimental GenAI conventions.</summary>
    public static bool IsGenAILatestExperimental(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var range in value.AsSpan().Split(','))
        {
            if (value.AsSpan(range).Trim().Equals(GenAILatestExperimental, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool FromEnvironment() => IsGenAILatestExperimental(Environment.GetEnvironmentVariable(Variable));
}
