using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MultiAgent.Observability.Metrics.Bridge;

namespace MultiAgent.Observability.Metrics.Tests.Bridge;

public sealed class MeterBridgeTests
{
    [Fact]
    public async Task Counter_Add_CounterWithTagsAsLabels()
    {
        await using var h = new BridgeHarness().Start();
        var counter = h.Meter.CreateCounter<int>("test.requests", description: "Requests.");

        counter.Add(2, new KeyValuePair<string, object?>("route", "/a"), new KeyValuePair<string, object?>("http.method", "GET"));
        counter.Add(3, new KeyValuePair<string, object?>("route", "/a"), new KeyValuePair<string, object?>("http.method", "GET"));

        var (info, aggregate) = await h.SingleAsync("test_requests");
        Assert.Equal(MetricKind.Counter, info.Kind);
        Assert.Equal("host-agent", info.AgentId);
        Assert.Equal([KeyValuePair.Create("http_method", "GET"), KeyValuePair.Create("route", "/a")], info.Labels);
        Assert.Equal(5, Assert.IsType<CounterAggregate>(aggregate).Value);
        Assert.Equal("Requests.", Assert.Single(h.Pipeline.ListFamilies(), f => f.Name == "test_requests").Help);
        Assert.Equal(new BridgeStatistics(2, 0), h.Bridge.GetStatistics());
    }

    [Fact]
    public async Task Counter_EveryNumericType_Recorded()
    {
        await using var h = new BridgeHarness().Start();

        h.Meter.CreateCounter<byte>("c.byte").Add(3);
        h.Meter.CreateCounter<short>("c.short").Add(300);
        h.Meter.CreateCounter<int>("c.int").Add(70_000);
        h.Meter.CreateCounter<long>("c.long").Add(5_000_000_000);
        h.Meter.CreateCounter<float>("c.float").Add(1.5f);
        h.Meter.CreateCounter<double>("c.double").Add(0.25);
        h.Meter.CreateCounter<decimal>("c.decimal").Add(2.75m);

        Assert.Equal(3, Value(await h.SingleAsync("c_byte")));
        Assert.Equal(300, Value(await h.SingleAsync("c_short")));
        Assert.Equal(70_000, Value(await h.SingleAsync("c_int")));
        Assert.Equal(5_000_000_000, Value(await h.SingleAsync("c_long")));
        Assert.Equal(1.5, Value(await h.SingleAsync("c_float")));
        Assert.Equal(0.25, Value(await h.SingleAsync("c_double")));
        Assert.Equal(2.75, Value(await h.SingleAsync("c_decimal")));

        static double Value((MetricSeriesInfo Info, MetricAggregate? Aggregate) series) => Assert.IsType<CounterAggregate>(series.Aggregate).Value;
    }

    [Fact]
    public async Task UpDownCounter_AddDeltas_GaugeSumsThem()
    {
        await using var h = new BridgeHarness().Start();
        var queue = h.Meter.CreateUpDownCounter<long>("test.queue.length");

        queue.Add(5);
        queue.Add(-2);

        var (info, aggregate) = await h.SingleAsync("test_queue_length");
        Assert.Equal(MetricKind.Gauge, info.Kind);
        Assert.Equal(3, Assert.IsType<GaugeAggregate>(aggregate).Last);
    }

    [Fact]
    public async Task Gauge_Record_GaugeKeepsLast()
    {
        await using var h = new BridgeHarness().Start();
        var temperature = h.Meter.CreateGauge<double>("test.temperature");

        temperature.Record(21.5);
        temperature.Record(19);

        var gauge = Assert.IsType<GaugeAggregate>((await h.SingleAsync("test_temperature")).Aggregate);
        Assert.Equal(19, gauge.Last);
        Assert.Equal(21.5, gauge.Max);
    }

    [Fact]
    public async Task Histogram_WithAdvice_UsesAdviceBuckets()
    {
        await using var h = new BridgeHarness().Start();
        var duration = h.Meter.CreateHistogram<double>("test.duration", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });

        duration.Record(0.05);
        duration.Record(5);

        var (info, aggregate) = await h.SingleAsync("test_duration_seconds");
        var histogram = Assert.IsType<HistogramAggregate>(aggregate);
        Assert.Equal(MetricKind.Histogram, info.Kind);
        Assert.Equal([0.1, 1, 10, double.PositiveInfinity], histogram.UpperBounds);
        Assert.Equal([1L, 1, 2, 2], histogram.CumulativeCounts);
        Assert.Equal(5.05, histogram.Sum);
    }

    [Fact]
    public async Task Histogram_WithoutAdvice_UsesDefaultBuckets()
    {
        await using var h = new BridgeHarness().Start();
        var tokens = h.Meter.CreateHistogram<int>("gen_ai.client.token.usage", "{token}");

        tokens.Record(120, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));

        var histogram = Assert.IsType<HistogramAggregate>((await h.SingleAsync("gen_ai_client_token_usage")).Aggregate);
        Assert.Equal([.. MetricDescription.DefaultBuckets, double.PositiveInfinity], histogram.UpperBounds);
        Assert.Equal(1, histogram.Count);
    }

    [Fact]
    public async Task ObservableCounter_PolledOnTheClock_CumulativeWithResetDetection()
    {
        await using var h = new BridgeHarness().Start();
        long observed = 10;
        h.Meter.CreateObservableCounter("test.bytes.sent", () => observed, "By");

        Assert.Empty(await h.SeriesAsync("test_bytes_sent_bytes"));

        h.Time.Advance(BridgeHarness.Interval);
        Assert.Equal(10, Assert.IsType<CounterAggregate>((await h.SingleAsync("test_bytes_sent_bytes")).Aggregate).Value);

        observed = 15;
        h.Time.Advance(BridgeHarness.Interval);
        observed = 3;
        h.Time.Advance(BridgeHarness.Interval);

        var counter = Assert.IsType<CounterAggregate>((await h.SingleAsync("test_bytes_sent_bytes")).Aggregate);
        Assert.Equal(18, counter.Value);
        Assert.Equal(1, counter.Resets);
        Assert.Equal(3, counter.SampleCount);
    }

    [Fact]
    public async Task ObservableGaugeAndUpDownCounter_NotPolledBeforeInterval_ThenRecorded()
    {
        await using var h = new BridgeHarness().Start();
        h.Meter.CreateObservableGauge("test.load", () => new Measurement<float>(0.75f, new KeyValuePair<string, object?>("core", "0")));
        h.Meter.CreateObservableUpDownCounter("test.connections", () => 42);

        h.Time.Advance(BridgeHarness.Interval - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await h.SeriesAsync("test_load"));

        h.Time.Advance(TimeSpan.FromMilliseconds(1));

        var (loadInfo, load) = await h.SingleAsync("test_load");
        Assert.Equal(MetricKind.Gauge, loadInfo.Kind);
        Assert.Equal(0.75, Assert.IsType<GaugeAggregate>(load).Last);
        Assert.Equal([KeyValuePair.Create("core", "0")], loadInfo.Labels);
        Assert.Equal(42, Assert.IsType<GaugeAggregate>((await h.SingleAsync("test_connections")).Aggregate).Last);
    }

    [Fact]
    public async Task RecordObservableInstruments_OnDemand_PollsWithoutTheClock()
    {
        await using var h = new BridgeHarness().Start();
        h.Meter.CreateObservableGauge("test.on.demand", () => 7);

        h.Bridge.RecordObservableInstruments();

        Assert.Equal(7, Assert.IsType<GaugeAggregate>((await h.SingleAsync("test_on_demand")).Aggregate).Last);
    }

    [Fact]
    public async Task Meters_PrefixAndExactPatterns_OnlyMatchingMetersBridged()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var h = new BridgeHarness(o =>
        {
            o.Meters.Clear();
            o.Meters.Add($"Prefix.{id}.*");
            o.Meters.Add($"Exact.{id}");
        }).Start();
        using var prefixed = new Meter($"Prefix.{id}.Agents");
        using var prefixedOtherCase = new Meter($"prefix.{id}.tools");
        using var exact = new Meter($"Exact.{id}");
        using var exactOtherCase = new Meter($"EXACT.{id}");
        using var exactChild = new Meter($"Exact.{id}.Child");
        using var other = new Meter($"Other.{id}");
        using var prefixWithoutDot = new Meter($"Prefix.{id}");

        prefixed.CreateCounter<int>("hits").Add(1);
        prefixedOtherCase.CreateCounter<int>("hits").Add(1);
        exact.CreateCounter<int>("hits").Add(1);
        exactOtherCase.CreateCounter<int>("hits").Add(1);
        exactChild.CreateCounter<int>("hits").Add(100);
        other.CreateCounter<int>("hits").Add(1_000);
        prefixWithoutDot.CreateCounter<int>("hits").Add(10_000);

        // One case rule for exact names and prefixes alike: ordinal, ignoring case.
        Assert.Equal(4, Assert.IsType<CounterAggregate>((await h.SingleAsync("hits")).Aggregate).Value);
        Assert.Equal(4, h.Bridge.GetStatistics().Measurements);
    }

    [Fact]
    public async Task AgentTags_PickAgentIdAndAreNotLabels()
    {
        await using var h = new BridgeHarness().Start();
        var calls = h.Meter.CreateCounter<int>("test.calls");

        calls.Add(1, new KeyValuePair<string, object?>("gen_ai.agent.name", "Travel Planner"), new KeyValuePair<string, object?>("tool", "search"));
        calls.Add(1, new KeyValuePair<string, object?>("gen_ai.agent.id", "id-7"), new KeyValuePair<string, object?>("gen_ai.agent.name", "writer"));
        calls.Add(1, new KeyValuePair<string, object?>("gen_ai.agent.id", "id-7"));
        calls.Add(1, new KeyValuePair<string, object?>("agent_id", "boss"), new KeyValuePair<string, object?>("gen_ai.agent.name", "ignored"));
        calls.Add(1);

        var series = await h.SeriesAsync("test_calls");
        Assert.Equal(["Travel_Planner", "boss", "host-agent", "id-7", "writer"], series.Select(s => s.Info.AgentId).Order(StringComparer.Ordinal));
        Assert.Equal(
            [KeyValuePair.Create("tool", "search")],
            Assert.Single(series, s => s.Info.AgentId == "Travel_Planner").Info.Labels);
        Assert.All(series.Where(s => s.Info.AgentId != "Travel_Planner"), s => Assert.Empty(s.Info.Labels));
    }

    [Fact]
    public async Task NonStringTags_FormattedInvariant_AndCachedTagsReuseSeries()
    {
        await using var h = new BridgeHarness().Start();
        var counter = h.Meter.CreateCounter<int>("test.typed");
        var culture = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("ratio", 1.5), new KeyValuePair<string, object?>("ok", true), new KeyValuePair<string, object?>("none", null));
                counter.Add(1, new KeyValuePair<string, object?>("status", "200"));
            }
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }

        var series = await h.SeriesAsync("test_typed");
        Assert.Equal(2, series.Count);
        Assert.Equal(
            [KeyValuePair.Create("none", string.Empty), KeyValuePair.Create("ok", "true"), KeyValuePair.Create("ratio", "1.5")],
            series[0].Info.Labels);
        Assert.All(series, s => Assert.Equal(3, Assert.IsType<CounterAggregate>(s.Aggregate).Value));
    }

    [Fact]
    public async Task InvalidMeasurements_CountedAndLoggedOnce_NeverThrown()
    {
        var logs = new FakeLogCollector();
        await using var h = new BridgeHarness(logger: new FakeLogger<MeterBridge>(logs)).Start();
        var counter = h.Meter.CreateCounter<double>("test.bad");
        var collide = h.Meter.CreateCounter<int>("test.collide");
        h.Pipeline.Describe(new MetricDescription("test_conflict", MetricKind.Gauge));
        var conflict = h.Meter.CreateCounter<int>("test.conflict");

        counter.Add(-1);
        counter.Add(double.NaN);
        counter.Add(double.PositiveInfinity);
        counter.Add(1, new KeyValuePair<string, object?>("long", new string('x', 10_000)));
        collide.Add(1, new KeyValuePair<string, object?>("a.b", "1"), new KeyValuePair<string, object?>("a_b", "2"));
        collide.Add(1, new KeyValuePair<string, object?>("a.b", "1"), new KeyValuePair<string, object?>("a_b", "2"));
        conflict.Add(1);
        counter.Add(2);

        Assert.Equal(new BridgeStatistics(8, 7), h.Bridge.GetStatistics());
        Assert.Equal(2, Assert.IsType<CounterAggregate>((await h.SingleAsync("test_bad")).Aggregate).Value);
        Assert.Empty(await h.SeriesAsync("test_collide"));
        Assert.Empty(await h.SeriesAsync("test_conflict"));
        var refusals = logs.GetSnapshot().Where(r => r.Id.Name == "BridgeMeasurementRefused").ToList();
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.Contains(refusals, r => r.Message.Contains("test.conflict", StringComparison.Ordinal) && r.Message.Contains("Gauge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ObservableCallbackThrows_OthersStillRecordedAndNothingThrown()
    {
        var logs = new FakeLogCollector();
        await using var h = new BridgeHarness(logger: new FakeLogger<MeterBridge>(logs)).Start();
        h.Meter.CreateObservableGauge<int>("test.throws", new Func<int>(() => throw new InvalidOperationException("boom")));
        h.Meter.CreateObservableGauge("test.fine", () => 5);

        h.Time.Advance(BridgeHarness.Interval);
        h.Time.Advance(BridgeHarness.Interval);

        Assert.Equal(5, Assert.IsType<GaugeAggregate>((await h.SingleAsync("test_fine")).Aggregate).Last);
        Assert.Equal(2, h.Pipeline.GetAggregate((await h.SingleAsync("test_fine")).Info.Series)!.SampleCount);
        Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "BridgeObservableCallbackFailed");
    }

    [Fact]
    public async Task Stop_ThenMeasure_NothingRecorded()
    {
        await using var h = new BridgeHarness().Start();
        var counter = h.Meter.CreateCounter<int>("test.after.stop");
        counter.Add(1);

        h.Bridge.Stop();
        counter.Add(1);
        h.Time.Advance(BridgeHarness.Interval);

        Assert.Equal(1, Assert.IsType<CounterAggregate>((await h.SingleAsync("test_after_stop")).Aggregate).Value);
        Assert.Equal(1, h.Bridge.GetStatistics().Measurements);
    }

    [Fact]
    public async Task SystemRuntimeMeter_Listed_ProcessCpuTimeAndGcCollectionsAppear()
    {
        await using var h = new BridgeHarness(o => o.Meters.Add("System.Runtime")).Start();
        GC.Collect();

        h.Bridge.RecordObservableInstruments();

        var cpu = await h.SeriesAsync("dotnet_process_cpu_time_seconds");
        Assert.Contains(cpu, s => s.Info.Labels.Contains(KeyValuePair.Create("cpu_mode", "user")));
        Assert.All(cpu, s => Assert.Equal(MetricKind.Counter, s.Info.Kind));
        Assert.True(cpu.Sum(s => Assert.IsType<CounterAggregate>(s.Aggregate).Value) > 0);
        var gc = await h.SeriesAsync("dotnet_gc_collections");
        Assert.Contains(gc, s => s.Info.Labels.Contains(KeyValuePair.Create("gc_heap_generation", "gen2")) && Assert.IsType<CounterAggregate>(s.Aggregate).Value >= 1);
        Assert.Equal(0, h.Bridge.GetStatistics().Refused);
    }
}
