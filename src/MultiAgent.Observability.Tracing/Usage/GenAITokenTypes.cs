namespace MultiAgent.Observability.Tracing;

/// <summary>Values of <c>gen_ai.token.type</c> on <c>gen_ai.client.token.usage</c>.</summary>
public static class GenAITokenTypes
{
    /// <summary>Input (prompt) tokens, cached ones included.</summary>
    public const string Input = "input";

    /// <summary>Output (completion) tokens, reasoning ones included.</summary>
    public const string Output = "output";

    /// <summary>Input tokens served from a provider cache; recorded only with the latest experimental conventions.</summary>
    public const string CacheRead = "cache_read";

    /// <summary>Input tokens written to a provider cache; recorded only with the latest experimental conventions.</summary>
    public const string CacheWrite = "cache_write";

    /// <summary>Output tokens spent on reasoning; recorded only with the latest experimental conventions.</summary>
    public const string Reasoning = "reasoning";
}
