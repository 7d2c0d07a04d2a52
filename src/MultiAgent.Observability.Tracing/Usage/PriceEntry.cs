namespace MultiAgent.Observability.Tracing;

/// <summary>An immutable, validated price of the table, with the cost arithmetic (decimal, saturating, never wrapping).</summary>
internal sealed class PriceEntry
{
    private const decimal Million = 1_000_000m;

    // Integers below 2^53 are exact in a double, and so are their sums and products while they stay below it.
    private const double ExactIntegers = 9_007_199_254_740_992d;

    // Prices with at most this many decimal places are kept as whole units of 10^-scale per million tokens: the
    // divisor 10^(6 + scale) stays exact in a double.
    private const int MaxExactScale = 9;

    private readonly double _inputUnits;
    private readonly double _outputUnits;
    private readonly double _cachedInputUnits;
    private readonly double _unitsPerCurrency;

    public PriceEntry(ModelPrice price)
    {
        Provider = string.IsNullOrWhiteSpace(price.Provider) ? null : price.Provider.Trim();
        Model = price.Model.Trim();
        Input = price.InputPerMillion;
        Output = price.OutputPerMillion;
        CachedInput = price.CachedInputPerMillion;
        Currency = price.Currency.Trim();
        var cachedInput = CachedInput ?? Input;
        var scale = Math.Max(Math.Max(Input.Scale, Output.Scale), cachedInput.Scale);
        if (scale <= MaxExactScale)
        {
            var units = Pow10(scale);
            _inputUnits = (double)(Input * units);
            _outputUnits = (double)(Output * units);
            _cachedInputUnits = (double)(cachedInput * units);
            _unitsPerCurrency = (double)(Million * units);
        }
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

    /// <summary>
    /// The cost of one call as the cost counter records it: <see cref="Cost"/> rounded to the nearest double. Computed in
    /// whole price units (exact integers in a double) and divided once, so the result is the exact cost correctly
    /// rounded; calls too large for that (or prices with more than nine decimals) take the decimal path.
    /// </summary>
    public double CostValue(long input, long output, long cacheRead)
    {
        if (_unitsPerCurrency != 0)
        {
            var cached = Math.Clamp(cacheRead, 0, Math.Max(0, input));
            var uncached = Math.Max(0, input) - cached;

            // Every term is a non-negative integer: if any were 2^53 or more, so would the sum be (rounding is monotonic).
            var units = (uncached * _inputUnits) + (cached * _cachedInputUnits) + (Math.Max(0, output) * _outputUnits);
            if (units < ExactIntegers)
            {
                return units / _unitsPerCurrency;
            }
        }

        return (double)Cost(input, output, cacheRead);
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

    private static decimal Pow10(int scale)
    {
        var value = 1m;
        for (var i = 0; i < scale; i++)
        {
            value *= 10;
        }

        return value;
    }
}
