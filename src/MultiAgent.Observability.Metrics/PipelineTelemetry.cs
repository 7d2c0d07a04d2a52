using System.Diagnostics.Metrics;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The pipeline's own health on the <c>MultiAgent.Observability</c> meter, so OpenTelemetry users see it
/// with the rest of their metrics: samples accepted, aggregated, dropped and rejected, samples in flight,
/// and series interned and refused.
/// </summary>
internal sealed class PipelineTelemetry : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "MultiAgent.Observability";

    private readonly Meter _meter;

    public PipelineTelemetry(IMeterFactory meterFactory, MetricPipeline pipeline)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("multiagent.pipeline.samples.accepted", () => pipeline.GetStatistics().Accepted, "{sample}", "Samples taken into the pipeline.");
        _meter.CreateObservableCounter("multiagent.pipeline.samples.aggregated", () => pipeline.GetStatistics().Aggregated, "{sample}", "Accepted samples folded into their series.");
        _meter.CreateObservableCounter("multiagent.pipeline.samples.dropped", () => pipeline.GetStatistics().Dropped, "{sample}", "Accepted samples dropped because the buffer was full.");
        _meter.CreateObservableCounter("multiagent.pipeline.samples.rejected", () => pipeline.GetStatistics().Rejected, "{sample}", "Samples refused: invalid value, series over the cap, or pipeline stopped.");
        _meter.CreateObservableUpDownCounter("multiagent.pipeline.queue.depth", () => pipeline.GetStatistics().InFlight, "{sample}", "Accepted samples not yet aggregated.");
        _meter.CreateObservableUpDownCounter("multiagent.pipeline.series", () => (long)pipeline.GetStatistics().SeriesCount, "{series}", "Series interned.");
        _meter.CreateObservableCounter("multiagent.pipeline.series.refused", () => pipeline.GetStatistics().SeriesRefused, "{series}", "New series refused by the cardinality cap.");
    }

    public void Dispose() => _meter.Dispose();
}
