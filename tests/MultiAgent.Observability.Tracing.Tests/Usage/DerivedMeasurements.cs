using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>
/// A <see cref="MetricCollector{T}"/> on one GenAI instrument that reads what the metrics derived from every span stopped
/// so far: the collector hands spans to the metrics off the stopping threads, so each read flushes them first.
/// </summary>
internal sealed class DerivedMeasurements<T>(TraceCollector collector, MetricCollector<T> measurements) : IDisposable
    where T : struct
{
    public IReadOnlyList<CollectedMeasurement<T>> GetMeasurementSnapshot()
    {
        collector.FlushObservers();
        return measurements.GetMeasurementSnapshot();
    }

    public void Dispose() => measurements.Dispose();
}
