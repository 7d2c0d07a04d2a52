namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// OpenMetrics 1.0.0: canonical numbers (<c>1.0</c>), a counter family named without <c>_total</c>, help escaping
/// <c>"</c> too, no histogram <c>_sum</c> and <c>_count</c> when buckets or sum go negative, and a final <c># EOF</c>.
/// </summary>
internal sealed class OpenMetricsSerializer : ExpositionSerializer
{
    private OpenMetricsSerializer()
        : base(canonicalNumbers: true)
    {
    }

    public static OpenMetricsSerializer Instance { get; } = new();

    protected override bool EscapeQuotesInHelp => true;

    protected override ReadOnlySpan<byte> CounterFamilySuffix => default;

    public override void WriteEnd(ExpositionBuffer buffer) => buffer.Write("# EOF\n"u8);

    /// <summary>
    /// With negative bucket bounds or a negative sum, the sum is no counter and MUST NOT be exposed, and <c>_count</c>
    /// appears if and only if <c>_sum</c> does; the <c>+Inf</c> bucket still carries the count.
    /// </summary>
    protected override bool WritesSumAndCount(in SeriesValue histogram) =>
        histogram.Sum >= 0 && (histogram.Length == 0 || histogram.Bounds[0] >= 0);
}
