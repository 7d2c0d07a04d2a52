namespace MultiAgent.Observability.Tracing;

/// <summary>An immutable, validated price of the table, with the cost arithmetic (decimal, saturating, never wrapping).</summary>
internal sealed class PriceEntry
{
    private const decimal Million = 1_000_000m;

    public PriceEntry(ModelPrice price)
    {
        Provider = string.IsNullOrWhiteSpace(price.Provider) ? null : price.Provider.Trim();
        Model = price.Model.Trim();
        Input = price.InputPerMillion;
        Output = price.OutputPerMillion;
        CachedInput = price.CachedInputPerMillion;
        Currency = price.Currency.Trim();
    }

    public string? Provider { get; }

    public string Model { get; }

    public decimal Input { get; }

    public decimal Output { get; }

    public decimal? CachedInput { get; }

    public string Currency { get; }

    public ModelPrice ToModelPrice() => new()
    {
        Provider = Provider,
        Model = Model,
        InputPerMillion = Input,
        OutputPerMillion = Output,
        CachedInputPerMillion = CachedInput,
        Currency = Currency,
    };

    /// <summary>
    /// The cost of one call. <paramref name="input"/> includes the cached tokens, as the conventions define
    /// <c>gen_ai.usage.input_tokens</c>; cached tokens beyond the input count are ignored.
    /// </summary>
    public decimal Cost(long input, long output, long cacheRead)
    {
        var cached = Math.Clamp(cacheRead, 0, Math.Max(0, input));
        var uncached = Math.Max(0, input) - cached;
        var amount = Multiply(uncached, Input);
        amount = AddSaturating(amount, Multiply(cached, CachedInput ?? Input));
        return AddSaturating(amount, Multiply(Math.Max(0, output), Output));
    }

    public static decimal AddSaturating(decimal left, decimal right)
    {
        try
        {
            return left + right;
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }

    private static decimal Multiply(long tokens, decimal perMillion)
    {
        try
        {
            return tokens * perMillion / Million;
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }
}
