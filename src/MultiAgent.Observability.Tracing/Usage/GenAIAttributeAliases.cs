using System.Collections.Frozen;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Attribute normalisation, table-driven: every spelling the GenAI metrics, the cost and the trace analysis accept for
/// an attribute, mapped to the current OpenTelemetry GenAI name. Older convention versions (<c>gen_ai.system</c>,
/// <c>gen_ai.usage.prompt_tokens</c>, <c>cache_creation</c>) and OpenInference's names (<c>llm.token_count.*</c>,
/// <c>llm.model_name</c>) read as the current ones. When a span carries both spellings, the current one wins.
/// </summary>
/// <remarks>
/// Spans are stored with the keys they were emitted with (an exporter sees what the instrumentation wrote); the
/// normalisation applies where spans are read: the metrics' single pass over a stopped span's tags and
/// <see cref="SpanAttributes.Find"/> in the analyzer.
/// </remarks>
internal static class GenAIAttributeAliases
{
    /// <summary>The table: a key as it may appear on a span, its current name, and the field it fills.</summary>
    public static readonly (string Key, string Current, GenAIField Field)[] Table =
    [
        (GenAIAttributes.OperationName, GenAIAttributes.OperationName, GenAIField.OperationName),
        (GenAIAttributes.ProviderName, GenAIAttributes.ProviderName, GenAIField.ProviderName),
        ("gen_ai.system", GenAIAttributes.ProviderName, GenAIField.ProviderName),
        ("llm.provider", GenAIAttributes.ProviderName, GenAIField.ProviderName),
        ("llm.system", GenAIAttributes.ProviderName, GenAIField.ProviderName),
        (GenAIAttributes.AgentName, GenAIAttributes.AgentName, GenAIField.AgentName),
        (GenAIAttributes.AgentId, GenAIAttributes.AgentId, GenAIField.AgentId),
        (GenAIAttributes.ServiceName, GenAIAttributes.ServiceName, GenAIField.ServiceName),
        (GenAIAttributes.RequestModel, GenAIAttributes.RequestModel, GenAIField.RequestModel),
        ("llm.model_name", GenAIAttributes.RequestModel, GenAIField.RequestModel),
        (GenAIAttributes.ResponseModel, GenAIAttributes.ResponseModel, GenAIField.ResponseModel),
        (GenAIAttributes.ToolName, GenAIAttributes.ToolName, GenAIField.ToolName),
        ("tool.name", GenAIAttributes.ToolName, GenAIField.ToolName),
        (GenAIAttributes.ToolType, GenAIAttributes.ToolType, GenAIField.ToolType),
        (GenAIAttributes.ErrorType, GenAIAttributes.ErrorType, GenAIField.ErrorType),
        (GenAIAttributes.UsageInputTokens, GenAIAttributes.UsageInputTokens, GenAIField.InputTokens),
        ("gen_ai.usage.prompt_tokens", GenAIAttributes.UsageInputTokens, GenAIField.InputTokens),
        ("llm.token_count.prompt", GenAIAttributes.UsageInputTokens, GenAIField.InputTokens),
        (GenAIAttributes.UsageOutputTokens, GenAIAttributes.UsageOutputTokens, GenAIField.OutputTokens),
        ("gen_ai.usage.completion_tokens", GenAIAttributes.UsageOutputTokens, GenAIField.OutputTokens),
        ("llm.token_count.completion", GenAIAttributes.UsageOutputTokens, GenAIField.OutputTokens),
        (GenAIAttributes.UsageCacheReadInputTokens, GenAIAttributes.UsageCacheReadInputTokens, GenAIField.CacheReadInputTokens),
        ("llm.token_count.prompt_details.cache_read", GenAIAttributes.UsageCacheReadInputTokens, GenAIField.CacheReadInputTokens),
        (UsageCacheWriteInputTokens, UsageCacheWriteInputTokens, GenAIField.CacheWriteInputTokens),
        (GenAIAttributes.UsageCacheCreationInputTokens, UsageCacheWriteInputTokens, GenAIField.CacheWriteInputTokens),
        ("llm.token_count.prompt_details.cache_write", UsageCacheWriteInputTokens, GenAIField.CacheWriteInputTokens),
        (UsageReasoningOutputTokens, UsageReasoningOutputTokens, GenAIField.ReasoningOutputTokens),
        ("llm.token_count.completion_details.reasoning", UsageReasoningOutputTokens, GenAIField.ReasoningOutputTokens),
        (UsageTotalTokens, UsageTotalTokens, GenAIField.TotalTokens),
        ("llm.token_count.total", UsageTotalTokens, GenAIField.TotalTokens),
    ];

    /// <summary>The current name of input tokens written to a provider cache (replaced <c>cache_creation</c>).</summary>
    public const string UsageCacheWriteInputTokens = "gen_ai.usage.cache_write.input_tokens";

    /// <summary>The current name of output tokens spent on reasoning.</summary>
    public const string UsageReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";

    /// <summary>Total tokens: not a GenAI convention attribute; read from OpenInference only to be recognised, never summed.</summary>
    public const string UsageTotalTokens = "gen_ai.usage.total_tokens";

    // A frozen dictionary hashes a few characters chosen to tell these keys apart and rejects most other keys on
    // length alone.
    private static readonly FrozenDictionary<string, (string Current, GenAIField Field)> s_byKey =
        BuildByKey().ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string[]> s_aliasesOf = BuildAliases().ToFrozenDictionary(StringComparer.Ordinal);

    // The metrics look up every tag of every stopped span: the table's entries by key length, so most other keys are
    // rejected by their length and the instrumentation's keys, literals interned once per process, are found by
    // reference without hashing.
    private static readonly Entry[][] s_byLength = BuildByLength();

    /// <summary>Gets the field a key fills, or <see cref="GenAIField.None"/> for a key the table does not know.</summary>
    /// <param name="key">The attribute key as the span has it.</param>
    /// <param name="isCurrent">Set when the key is the current name itself (it wins over an alias on the same span).</param>
    public static GenAIField FieldOf(string key, out bool isCurrent)
    {
        var byLength = s_byLength;
        if ((uint)key.Length < (uint)byLength.Length)
        {
            var entries = byLength[key.Length];
            foreach (var entry in entries)
            {
                if (ReferenceEquals(entry.Key, key))
                {
                    isCurrent = entry.IsCurrent;
                    return entry.Field;
                }
            }

            foreach (var entry in entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    isCurrent = entry.IsCurrent;
                    return entry.Field;
                }
            }
        }

        isCurrent = false;
        return GenAIField.None;
    }

    /// <summary>Gets the current name of a key, or the key itself when the table does not know it.</summary>
    public static string Normalize(string key) => s_byKey.TryGetValue(key, out var entry) ? entry.Current : key;

    /// <summary>Gets the older and neighbouring spellings of a current name, in table order (empty when it has none).</summary>
    public static ReadOnlySpan<string> AliasesOf(string current) => s_aliasesOf.TryGetValue(current, out var aliases) ? aliases : [];

    private static Dictionary<string, (string, GenAIField)> BuildByKey()
    {
        var byKey = new Dictionary<string, (string, GenAIField)>(StringComparer.Ordinal);
        foreach (var (key, current, field) in Table)
        {
            byKey.Add(key, (current, field));
        }

        return byKey;
    }

    private static Entry[][] BuildByLength()
    {
        var longest = 0;
        foreach (var (key, _, _) in Table)
        {
            longest = Math.Max(longest, key.Length);
        }

        var lists = new List<Entry>[longest + 1];
        foreach (var (key, current, field) in Table)
        {
            (lists[key.Length] ??= []).Add(new Entry(key, field, string.Equals(key, current, StringComparison.Ordinal)));
        }

        var byLength = new Entry[longest + 1][];
        for (var length = 0; length < byLength.Length; length++)
        {
            byLength[length] = lists[length] is { } list ? [.. list] : [];
        }

        return byLength;
    }

    private static Dictionary<string, string[]> BuildAliases()
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, current, _) in Table)
        {
            if (!string.Equals(key, current, StringComparison.Ordinal))
            {
                if (!lists.TryGetValue(current, out var list))
                {
                    list = [];
                    lists.Add(current, list);
                }

                list.Add(key);
            }
        }

        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (current, list) in lists)
        {
            result.Add(current, [.. list]);
        }

        return result;
    }

    private readonly struct Entry(string key, GenAIField field, bool isCurrent)
    {
        public string Key { get; } = key;

        public GenAIField Field { get; } = field;

        public bool IsCurrent { get; } = isCurrent;
    }
}
