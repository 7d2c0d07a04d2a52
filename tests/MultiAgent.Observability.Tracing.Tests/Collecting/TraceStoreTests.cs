using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Tracing.Tests.Collecting;

public sealed class TraceStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_MoreTracesThanMaxTraces_EvictsOldestFirstAndCounts()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraces = 3 }, start: false);
        using var evicted = scope.Collect("multiagent.tracing.traces.evicted");
        using var spansEvicted = scope.Collect("multiagent.tracing.spans.evicted");
        var traces = Enumerable.Range(0, 5).Select(_ => ActivityTraceId.CreateRandom()).ToArray();
        var spans = new List<SpanData>();
        foreach (var trace in traces)
        {
            spans.Add(Span(trace));
            spans.Add(Span(trace));
        }

        foreach (var span in spans)
        {
            Assert.True(scope.Store.Add(span));
        }

        Assert.Equal(3, scope.Store.TraceCount);
        Assert.Equal(6, scope.Store.SpanCount);
        Assert.Equal(traces[2..], scope.Store.GetTraceIds());
        Assert.False(scope.Store.TryGetTrace(traces[0], out _));
        Assert.False(scope.Store.TryGetSpan(spans[0].SpanId, out _));
        Assert.False(scope.Store.TryGetSpan(spans[3].SpanId, out _));
        Assert.True(scope.Store.TryGetSpan(spans[4].SpanId, out _));
        var counters = scope.Store.GetCounters();
        Assert.Equal(10, counters.SpansStored);
        Assert.Equal(2, counters.TracesEvicted);
        Assert.Equal(4, counters.SpansEvicted);
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(2, evicted.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(4, spansEvicted.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(evicted.GetMeasurementSnapshot(), m => Assert.Equal("capacity", m.Tags["reason"]));
    }

    [Fact]
    public void Add_SpansStored_ReportedByObservableCounterFromStoreCount()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxSpansPerTrace = 2 }, start: false);
        using var stored = scope.Collect("multiagent.tracing.spans.stored");
        var trace = ActivityTraceId.CreateRandom();
        for (var i = 0; i < 3; i++)
        {
            scope.Store.Add(Span(trace));
        }

        stored.RecordObservableInstruments();

        Assert.Equal(2, stored.LastMeasurement?.Value);
        Assert.Equal(2, scope.Store.GetCounters().SpansStored);
    }

    [Fact]
    public void Add_MoreSpansThanMaxSpansPerTrace_TruncatesTraceAndCounts()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxSpansPerTrace = 2 }, start: false);
        using var dropped = scope.Collect("multiagent.tracing.spans.dropped");
        var trace = ActivityTraceId.CreateRandom();
        var spans = Enumerable.Range(0, 5).Select(_ => Span(trace)).ToArray();

        var results = spans.Select(scope.Store.Add).ToArray();

        Assert.Equal([true, true, false, false, false], results);
        Assert.True(scope.Store.TryGetTrace(trace, out var stored));
        Assert.Equal(spans[..2], stored.Spans);
        Assert.Equal(3, stored.DroppedSpans);
        Assert.True(stored.IsTruncated);
        Assert.False(scope.Store.TryGetSpan(spans[2].SpanId, out _));
        Assert.Equal(3, scope.Store.GetCounters().SpansDroppedTraceFull);
        Assert.Equal(3, scope.Store.GetCounters().SpansDropped);
        Assert.Equal(3, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(dropped.GetMeasurementSnapshot(), m => Assert.Equal("trace_full", m.Tags["reason"]));
    }

    [Fact]
    public void Add_TraceReachesSpanLimit_WarnsOncePerTrace()
    {
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<TraceStore>();
        using var metrics = new TracingMetrics();
        var store = new TraceStore(Microsoft.Extensions.Options.Options.Create(new AgentTracingOptions { MaxSpansPerTrace = 1 }), TimeProvider.System, metrics, logger);
        var trace = ActivityTraceId.CreateRandom();

        for (var i = 0; i < 5; i++)
        {
            store.Add(Span(trace));
        }

        var record = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 4004);
        Assert.Contains(trace.ToHexString(), record.Message, StringComparison.Ordinal);
        Assert.Equal(4, store.GetCounters().SpansDroppedTraceFull);
    }

    [Fact]
    public void Add_MoreSpansThanMaxSpans_EvictsWholeOldTraces()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxSpansPerTrace = 2, MaxSpans = 4 }, start: false);
        var a = ActivityTraceId.CreateRandom();
        var b = ActivityTraceId.CreateRandom();
        var c = ActivityTraceId.CreateRandom();
        scope.Store.Add(Span(a));
        scope.Store.Add(Span(a));
        scope.Store.Add(Span(b));
        scope.Store.Add(Span(b));

        Assert.True(scope.Store.Add(Span(c)));

        Assert.Equal([b, c], scope.Store.GetTraceIds());
        Assert.Equal(3, scope.Store.SpanCount);
        Assert.Equal(1, scope.Store.GetCounters().TracesEvicted);
        Assert.Equal(2, scope.Store.GetCounters().SpansEvicted);
    }

    [Fact]
    public void Add_TracesOlderThanMaxTraceAge_ExpireAgainstTimeProvider()
    {
        var time = new FakeTimeProvider(Start);
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraceAge = TimeSpan.FromMinutes(1) }, time, start: false);
        using var evicted = scope.Collect("multiagent.tracing.traces.evicted");
        var a = ActivityTraceId.CreateRandom();
        var b = ActivityTraceId.CreateRandom();
        var aSpan = Span(a);
        scope.Store.Add(aSpan);
        time.Advance(TimeSpan.FromSeconds(30));
        scope.Store.Add(Span(b));

        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([b], scope.Store.GetTraceIds());
        Assert.False(scope.Store.TryGetSpan(aSpan.SpanId, out _));
        Assert.Equal(1, scope.Store.GetCounters().TracesExpired);
        Assert.Equal(0, scope.Store.GetCounters().TracesEvicted);

        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(0, scope.Store.TraceCount);
        Assert.Equal(2, scope.Store.GetCounters().TracesExpired);
        Assert.Equal(2, scope.Store.GetCounters().SpansEvicted);
        Assert.Equal(2, evicted.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(evicted.GetMeasurementSnapshot(), m => Assert.Equal("age", m.Tags["reason"]));
    }

    [Fact]
    public void Add_AgeMeasuredFromFirstSpan_LaterSpansDoNotExtendIt()
    {
        var time = new FakeTimeProvider(Start);
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraceAge = TimeSpan.FromMinutes(1) }, time, start: false);
        var a = ActivityTraceId.CreateRandom();
        scope.Store.Add(Span(a));
        time.Advance(TimeSpan.FromSeconds(50));
        scope.Store.Add(Span(a));
        Assert.True(scope.Store.TryGetTrace(a, out var trace));
        Assert.Equal(Start, trace.FirstSeen);
        Assert.Equal(Start.AddSeconds(50), trace.LastSeen);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.False(scope.Store.TryGetTrace(a, out _));
    }

    [Fact]
    public void Add_DuplicateOrEmptyIds_DroppedAsInvalid()
    {
        using var scope = new CollectorScope(new AgentTracingOptions(), start: false);
        var span = Span(ActivityTraceId.CreateRandom());
        scope.Store.Add(span);

        Assert.False(scope.Store.Add(span with { Name = "again" }));
        Assert.False(scope.Store.Add(span with { TraceId = default, SpanId = ActivitySpanId.CreateRandom() }));
        Assert.False(scope.Store.Add(span with { SpanId = default }));

        Assert.Equal(3, scope.Store.GetCounters().SpansDroppedInvalid);
        Assert.True(scope.Store.TryGetSpan(span.SpanId, out var held));
        Assert.Equal(span, held);
    }

    [Fact]
    public void Lookups_AfterManyAddsAndEvictions_StayConsistent()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraces = 50 }, start: false);
        var all = new List<SpanData>();
        for (var t = 0; t < 120; t++)
        {
            var trace = ActivityTraceId.CreateRandom();
            for (var s = 0; s < 10; s++)
            {
                var span = Span(trace);
                all.Add(span);
                scope.Store.Add(span);
            }
        }

        var held = scope.Store.GetTraceIds().ToHashSet();
        Assert.Equal(50, held.Count);
        foreach (var span in all)
        {
            var found = scope.Store.TryGetSpan(span.SpanId, out var got);
            Assert.Equal(held.Contains(span.TraceId), found);
            if (found)
            {
                Assert.Equal(span, got);
            }
        }

        foreach (var traceId in held)
        {
            Assert.True(scope.Store.TryGetTrace(traceId, out var trace));
            Assert.Equal(all.Where(s => s.TraceId == traceId), trace.Spans);
        }

        Assert.Equal(500, scope.Store.SpanCount);
        Assert.Equal(70, scope.Store.GetCounters().TracesEvicted);
    }

    [Fact]
    public async Task Add_ConcurrentWriters_EverySpanStoredOrCounted()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraces = 100, MaxSpansPerTrace = 20 }, start: false);
        var traces = Enumerable.Range(0, 300).Select(_ => ActivityTraceId.CreateRandom()).ToArray();
        const int PerWriter = 20_000;

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            var random = new Random(w);
            for (var i = 0; i < PerWriter; i++)
            {
                scope.Store.Add(Span(traces[random.Next(traces.Length)]));
                if (i % 97 == 0)
                {
                    scope.Store.TryGetTrace(traces[random.Next(traces.Length)], out _);
                }
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(writers);

        var counters = scope.Store.GetCounters();
        Assert.Equal(4 * PerWriter, counters.SpansStored + counters.SpansDropped);
        Assert.Equal(counters.SpansStored - counters.SpansEvicted, scope.Store.SpanCount);
        Assert.True(scope.Store.TraceCount <= 100);
        var sum = 0;
        foreach (var id in scope.Store.GetTraceIds())
        {
            Assert.True(scope.Store.TryGetTrace(id, out var trace));
            Assert.True(trace.Spans.Count <= 20);
            sum += trace.Spans.Count;
        }

        Assert.Equal(scope.Store.SpanCount, sum);
    }

    private static SpanData Span(ActivityTraceId traceId) => new()
    {
        TraceId = traceId,
        SpanId = ActivitySpanId.CreateRandom(),
        Name = "span",
        StartTime = Start,
        EndTime = Start.AddMilliseconds(5),
    };
}
