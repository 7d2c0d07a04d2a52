namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The tags of one series, built once from its capped values: the duration's, one list per token type, the cost's, and
/// the price of its model. Immutable; shared by every span with the same values.
/// </summary>
internal sealed class SpanSeries
{
    private static readonly string[] s_tokenTypes =
        [GenAITokenTypes.Input, GenAITokenTypes.Output, GenAITokenTypes.CacheRead, GenAITokenTypes.CacheWrite, GenAITokenTypes.Reasoning];

    private readonly SeriesKey _key;

    public SpanSeries(in SeriesKey key, GenAIPriceTable prices)
    {
        _key = key;
        Tags = key.Kind switch
        {
            SeriesKind.ModelCall => Build(
                (GenAIAttributes.OperationName, key.Operation), (GenAIAttributes.AgentName, key.Agent), (GenAIAttributes.ProviderName, key.Provider),
                (GenAIAttributes.RequestModel, key.RequestModel), (GenAIAttributes.ResponseModel, key.ResponseModel), (GenAIAttributes.ErrorType, key.ErrorType)),
            SeriesKind.Tool => Build(
                (GenAIAttributes.OperationName, GenAIOperations.ExecuteTool), (GenAIAttributes.AgentName, key.Agent), (GenAIAttributes.ToolName, key.ToolName),
                (GenAIAttributes.ToolType, key.ToolType), (GenAIAttributes.ErrorType, key.ErrorType)),
            _ => Build((GenAIAttributes.AgentName, key.Agent), (GenAIAttributes.RequestModel, key.RequestModel), (GenAIAttributes.ErrorType, key.ErrorType)),
        };

        if (key.Kind != SeriesKind.ModelCall)
        {
            TokenTags = [];
            CostTags = [];
            return;
        }

        TokenTags = new KeyValuePair<string, object?>[s_tokenTypes.Length][];
        for (var i = 0; i < s_tokenTypes.Length; i++)
        {
            TokenTags[i] = [.. Tags, new(GenAIMetricNames.TokenTypeAttribute, s_tokenTypes[i])];
        }

        CostTags = Build((GenAIAttributes.AgentName, key.Agent), (GenAIAttributes.ProviderName, key.Provider), (GenAIAttributes.RequestModel, key.RequestModel ?? key.ResponseModel));
        Price = prices.Find(key.Provider, key.ResponseModel, key.RequestModel);
        if (Price is not null)
        {
            PricedCostTags = [.. CostTags, new(GenAIMetricNames.CurrencyAttribute, Price.Currency), new(GenAIMetricNames.SourceAttribute, GenAIMetricNames.EstimatedSource)];
        }
    }

    public SeriesKey Key => _key;

    public SeriesKind Kind => _key.Kind;

    /// <summary>Gets the agent as recorded (capped).</summary>
    public string Agent => _key.Agent;

    /// <summary>Gets the tags of the durations and, for an invocation, of its call counts.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>Gets the tags of <c>gen_ai.client.token.usage</c> per token type, in the order of <see cref="TokenType"/>.</summary>
    public KeyValuePair<string, object?>[][] TokenTags { get; }

    /// <summary>Gets the tags of the unpriced-token counter (and of the cost, before currency and source).</summary>
    public KeyValuePair<string, object?>[] CostTags { get; }

    /// <summary>Gets the tags of the cost counter, when <see cref="Price"/> is known.</summary>
    public KeyValuePair<string, object?>[]? PricedCostTags { get; }

    /// <summary>Gets the price of the series' own values (what the table gives for them), or null when unpriced.</summary>
    public PriceEntry? Price { get; }

    /// <summary>
    /// Gets whether a span's values, as read, are this series' values (a reference comparison per value when they are
    /// the same instances, as literals and the caps' strings are). What <see cref="SeriesKey.Of"/> would give, compared field by field without building it.
    /// </summary>
    public bool Matches(string agent, in SpanFields fields) =>
        Same(_key.Agent, agent) && Same(_key.ErrorType, fields.ErrorType) && _key.Kind switch
        {
            SeriesKind.ModelCall => Same(_key.Operation, fields.Operation) && Same(_key.Provider, fields.Provider)
                && Same(_key.RequestModel, fields.RequestModel) && Same(_key.ResponseModel, fields.ResponseModel),
            SeriesKind.Tool => Same(_key.ToolName, fields.ToolName) && Same(_key.ToolType, fields.ToolType),
            _ => Same(_key.RequestModel, fields.RequestModel),
        };

    private static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.Ordinal);

    private static KeyValuePair<string, object?>[] Build(params ReadOnlySpan<(string Key, string? Value)> tags)
    {
        var count = 0;
        foreach (var tag in tags)
        {
            count += tag.Value is null ? 0 : 1;
        }

        var built = new KeyValuePair<string, object?>[count];
        count = 0;
        foreach (var (key, value) in tags)
        {
            if (value is not null)
            {
                built[count++] = new(key, value);
            }
        }

        return built;
    }

    /// <summary>The token types, as indexes into <see cref="TokenTags"/>.</summary>
    internal enum TokenType
    {
        Input,
        Output,
        CacheRead,
        CacheWrite,
        Reasoning,
    }
}
