namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>The text format <see cref="PrometheusExpositionWriter"/> writes.</summary>
public enum ExpositionFormat
{
    /// <summary>The Prometheus text format 0.0.4 (<see cref="PrometheusExpositionWriter.PrometheusTextContentType"/>), which every Prometheus version scrapes.</summary>
    PrometheusText004,

    /// <summary>OpenMetrics 1.0.0 (<see cref="PrometheusExpositionWriter.OpenMetricsContentType"/>): canonical numbers and a final <c># EOF</c>.</summary>
    OpenMetrics100,
}
