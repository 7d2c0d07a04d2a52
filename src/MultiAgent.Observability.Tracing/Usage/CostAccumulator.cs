namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Sums the estimated cost of spans per currency, and the tokens of spans the price table cannot price, for the trace
/// analysis. The same lookup and arithmetic as the cost counter (<see cref="GenAIPriceTable.Find"/>, <see cref="PriceEntry.Cost"/>).
/// </summary>
internal sealed class CostAccumulator
{
    private readonly SortedDictionary<string, decimal> _byCurrency = new(StringComparer.Ordinal);

    public long UnpricedTokens { get; private set; }

    /// <summary>Adds one span's tokens (already counted once by the analyzer) at the price of its provider and model.</summary>
    public void Add(SpanData span, long input, long output, GenAIPriceTable prices)
    {
        var price = prices.Find(
            SpanAttributes.FindString(span, GenAIAttributes.ProviderName),
            SpanAttributes.FindString(span, GenAIAttributes.ResponseModel),
            SpanAttributes.FindString(span, GenAIAttributes.RequestModel));
        if (price is null)
        {
            UnpricedTokens = SaturatingMath.Add(UnpricedTokens, SaturatingMath.Add(input, output));
            return;
        }

        var cacheRead = SpanAttributes.ReadTokenCount(span, GenAIAttributes.UsageCacheReadInputTokens, out _) ?? 0;
        Add(price.Currency, price.Cost(input, output, cacheRead));
    }

    public void Add(CostAccumulator other)
    {
        UnpricedTokens = SaturatingMath.Add(UnpricedTokens, other.UnpricedTokens);
        foreach (var (currency, amount) in other._byCurrency)
        {
            Add(currency, amount);
        }
    }

    public IReadOnlyList<CostTotal> ToList()
    {
        var list = new List<CostTotal>(_byCurrency.Count);
        foreach (var (currency, amount) in _byCurrency)
        {
            list.Add(new CostTotal { Currency = currency, Amount = amount });
        }

        return list;
    }

    private void Add(string currency, decimal amount)
    {
        _byCurrency.TryGetValue(currency, out var sum);
        _byCurrency[currency] = PriceEntry.AddSaturating(sum, amount);
    }
}
