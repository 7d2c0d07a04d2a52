namespace MultiAgent.Observability.Tracing;

/// <summary>An estimated cost in one currency: the sum, over priced model calls, of tokens times the price table's prices.</summary>
public sealed record CostTotal
{
    /// <summary>Gets the currency (ISO 4217 code, as the price table gives it).</summary>
    public required string Currency { get; init; }

    /// <summary>Gets the amount; a sum that would overflow stops at <see cref="decimal.MaxValue"/> rather than failing.</summary>
    public required decimal Amount { get; init; }
}
