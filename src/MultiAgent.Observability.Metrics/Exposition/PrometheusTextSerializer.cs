namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// The Prometheus text format 0.0.4: numbers as Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c> writes them, a counter
/// family typed under its sample name <c>x_total</c>, help escaping only <c>\</c> and line feeds, no end marker.
/// </summary>
internal sealed class PrometheusTextSerializer : ExpositionSerializer
{
    private PrometheusTextSerializer()
        : base(canonicalNumbers: false)
    {
    }

    public static PrometheusTextSerializer Instance { get; } = new();

    protected override bool EscapeQuotesInHelp => false;

    protected override ReadOnlySpan<byte> CounterFamilySuffix => "_total"u8;

    public override void WriteEnd(ExpositionBuffer buffer)
    {
    }
}
