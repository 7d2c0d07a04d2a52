using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics.Bridge;

namespace MultiAgent.Observability.Metrics.Tests.Bridge;

public sealed class MeterBridgeAllocationTests
{
    [Fact]
    public void Measure_CachedStringTags_AllocatesNothingPerMeasurement()
    {
        var recorder = new CountingRecorder();
        var meterName = "Tests.Alloc." + Guid.NewGuid().ToString("N");
        var options = new MeterBridgeOptions();
        options.Meters.Add(meterName);
        using var bridge = new MeterBridge(recorder, Options.Create(options), TimeProvider.System);
        bridge.Start();
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("test.hot");
        var histogram = meter.CreateHistogram<double>("test.hot.duration");
        var route = new KeyValuePair<string, object?>("route", "/a");
        var agent = new KeyValuePair<string, object?>("gen_ai.agent.name", "planner");
        counter.Add(1, route, agent);
        histogram.Record(0.5, route, agent);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            counter.Add(1, route, agent);
            histogram.Record(0.5, route, agent);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, recorder.SeriesCreated);
        Assert.Equal(10_001, recorder.Adds);
        Assert.Equal(10_001, recorder.Records);
        Assert.True(allocated < 1_000, $"{allocated} bytes allocated for 20,000 cached measurements");
    }

    /// <summary>Counts calls; hands out valid handles without a pipeline, so only the bridge's own allocations are measured.</summary>
    private sealed class CountingRecorder : IMetricRecorder
    {
        public int SeriesCreated { get; private set; }

        public int Adds { get; private set; }

        public int Records { get; private set; }

        public void Describe(MetricDescription description)
        {
        }

        public MetricSeries GetSeries(string agentId, string metricName, MetricKind kind, params ReadOnlySpan<KeyValuePair<string, string>> labels) =>
            new(this, SeriesCreated++, kind);

        public void Record(in MetricSeries series, double value) => Records++;

        public void Add(in MetricSeries series, double increment) => Adds++;

        public void Record(string agentId, string metricName, MetricKind kind, double value, params ReadOnlySpan<KeyValuePair<string, string>> labels) =>
            throw new NotSupportedException();

        public void Add(string agentId, string metricName, double increment, params ReadOnlySpan<KeyValuePair<string, string>> labels) =>
            throw new NotSupportedException();
    }
}
