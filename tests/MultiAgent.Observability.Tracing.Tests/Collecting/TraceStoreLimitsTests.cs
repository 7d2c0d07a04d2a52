using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace MultiAgent.Observability.Tracing.Tests.Collecting;

/// <summary>The store's memory bounds: the total span count whichever trace grows, the byte budget and the per-span attribute limits.</summary>
public sealed class TraceStoreLimitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_OldestTraceKeepsGrowing_NeverHoldsMoreThanMaxSpans()
    {
        // The bug: the eviction guard skipped the head trace, so with MaxSpans 10,000 the store held 19,999 spans when
        // the oldest trace was the one still growing.
        using var scope = new CollectorScope(new AgentTracingOptions { MaxSpans = 100, MaxSpansPerTrace = 100 }, start: false);
        var growing = ActivityTraceId.CreateRandom();
        var largest = 0;
        Assert.True(scope.Store.Add(Span(growing)));
        for (var t = 0; t < 9; t++)
        {
            var other = ActivityTraceId.CreateRandom();
            for (var s = 0; s < 11; s++)
            {
                scope.Store.Add(Span(other));
                largest = Math.Max(largest, scope.Store.SpanCount);
            }
        }

        for (var s = 1; s < 100; s++)
        {
            Assert.True(scope.Store.Add(Span(growing)));
            largest = Math.Max(largest, scope.Store.SpanCount);
        }

        Assert.Equal(100, largest);
        Assert.Equal([growing], scope.Store.GetTraceIds());
        Assert.True(scope.Store.TryGetTrace(growing, out var trace));
        Assert.Equal(100, trace.Spans.Count);
        var counters = scope.Store.GetCounters();
        Assert.Equal(counters.SpansStored - counters.SpansEvicted, scope.Store.SpanCount);
    }

    [Fact]
    public void Add_MoreBytesThanMaxStoreBytes_EvictsOldestTracesAndStaysWithinBudget()
    {
        var options = new AgentTracingOptions { MaxStoreBytes = 1 << 20, MaxSpansPerTrace = 10, MaxAttributeValueLength = 4096 };
        using var scope = new CollectorScope(options, start: false);
        using var evicted = scope.Collect("multiagent.tracing.traces.evicted");
        var traces = new List<ActivityTraceId>();
        for (var t = 0; t < 40; t++)
        {
            var trace = ActivityTraceId.CreateRandom();
            traces.Add(trace);
            for (var s = 0; s < 10; s++)
            {
                // Unique 4,000-character values: about 8 KB each, so 400 spans are about 3.3 MB against a 1 MiB budget.
                Assert.True(scope.Store.Add(Span(trace) with { Attributes = [new("payload", new string((char)('a' + (s % 26)), 4000) + t)] }));
                Assert.InRange(scope.Store.EstimatedBytes, 0, options.MaxStoreBytes);
            }
        }

        var held = scope.Store.GetTraceIds();
        Assert.InRange(held.Count, 2, 20);
        Assert.Equal(traces[^held.Count..], held);
        Assert.Equal(40 - held.Count, scope.Store.GetCounters().TracesEvicted);
        Assert.Equal(40 - held.Count, evicted.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public void Add_EvictedSpans_ReturnTheirBytes()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraces = 1 }, start: false);
        scope.Store.Add(Span(ActivityTraceId.CreateRandom()) with { Attributes = [new("payload", new string('x', 1000))] });
        var one = scope.Store.EstimatedBytes;

        scope.Store.Add(Span(ActivityTraceId.CreateRandom()) with { Attributes = [new("payload", new string('y', 1000))] });

        Assert.True(one > 2000, $"a span with a 1,000-character value is estimated at {one} bytes");
        Assert.Equal(one, scope.Store.EstimatedBytes);
    }

    [Fact]
    public void Add_LongValues_TruncatedToMaxAttributeValueLengthAndCounted()
    {
        using var scope = new CollectorScope(new AgentTracingOptions { MaxAttributeValueLength = 16 }, start: false);
        using var limited = scope.Collect("multiagent.tracing.attributes.limited");
        var span = Span(ActivityTraceId.CreateRandom()) with
        {
            Name = new string('n', 40),
            Attributes =
            [
                new("short", "fits"),
                new("long", new string('v', 5000)),
                new("pair", new string('p', 15) + "\U0001F600"),
                new("list", new[] { "ok", new string('e', 20) }),
                new("tokens", 12L),
            ],
        };

        Assert.True(scope.Store.Add(span));

        Assert.True(scope.Store.TryGetSpan(span.SpanId, out var held));
        Assert.Equal(new string('n', 16), held.Name);
        Assert.Equal("fits", Value(held, "short"));
        Assert.Equal(new string('v', 16), Value(held, "long"));
        Assert.Equal(new string('p', 15), Value(held, "pair"));
        Assert.Equal(["ok", new string('e', 16)], (string[])Value(held, "list")!);
        Assert.Equal(12L, Value(held, "tokens"));
        Assert.Equal(new string('e', 20), ((string[])span.Attributes[3].Value!)[1]);
        Assert.Equal(4, scope.Store.GetCounters().ValuesTruncated);
        Assert.Equal(0, scope.Store.GetCounters().AttributesDropped);
        Assert.Equal(4, limited.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(limited.GetMeasurementSnapshot(), m => Assert.Equal("truncated", m.Tags["reason"]));
    }

    [Fact]
    public void Add_TooManyOrTooLargeAttributes_DroppedAndCounted()
    {
        var options = new AgentTracingOptions { MaxAttributesPerSpan = 3, MaxSpanAttributeBytes = 1024, MaxAttributeValueLength = 1000 };
        using var scope = new CollectorScope(options, start: false);
        using var limited = scope.Collect("multiagent.tracing.attributes.limited");
        var span = Span(ActivityTraceId.CreateRandom()) with
        {
            Attributes =
            [
                new("a", "1"),
                new("big", new string('b', 600)),
                new("c", "3"),
                new("d", "4"),
                new("e", "5"),
            ],
        };

        Assert.True(scope.Store.Add(span));

        Assert.True(scope.Store.TryGetSpan(span.SpanId, out var held));
        Assert.Equal(["a", "c", "d"], held.Attributes.Select(a => a.Key));
        Assert.Equal(2, scope.Store.GetCounters().AttributesDropped);
        Assert.Equal(2, limited.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(limited.GetMeasurementSnapshot(), m => Assert.Equal("dropped", m.Tags["reason"]));
    }

    [Fact]
    public void Add_ObjectValues_KeptAsTextAndUnreadableOnesDropped()
    {
        using var scope = new CollectorScope(new AgentTracingOptions(), start: false);
        var span = Span(ActivityTraceId.CreateRandom()) with
        {
            Attributes =
            [
                new("uri", new Uri("https://example.com/a")),
                new("broken", new ThrowingToString()),
                new("small", (short)7),
                new("numbers", new[] { 1, 2, 3 }),
            ],
        };

        Assert.True(scope.Store.Add(span));

        Assert.True(scope.Store.TryGetSpan(span.SpanId, out var held));
        Assert.Equal("https://example.com/a", Value(held, "uri"));
        Assert.DoesNotContain(held.Attributes, a => a.Key == "broken");
        Assert.Equal((short)7, Value(held, "small"));
        Assert.Equal([1, 2, 3], (int[])Value(held, "numbers")!);
        Assert.Equal(1, scope.Store.GetCounters().AttributesDropped);
    }

    [Fact]
    public void Collector_ActivityWithLongTag_StoredTruncated()
    {
        using var source = new ActivitySource("Test.Limits." + Guid.NewGuid().ToString("N"));
        var options = CollectorScope.OnlySources(source.Name);
        options.MaxAttributeValueLength = 64;
        using var scope = new CollectorScope(options);
        ActivitySpanId id;
        using (var activity = source.StartActivity("work"))
        {
            Assert.NotNull(activity);
            activity.SetTag("prompt", new string('q', 10_000));
            id = activity.SpanId;
        }

        Assert.True(scope.Store.TryGetSpan(id, out var held));
        Assert.Equal(new string('q', 64), Value(held, "prompt"));
        Assert.Equal(1, scope.Store.GetCounters().ValuesTruncated);
    }

    [Fact]
    public void Validate_MaxStoreBytesBelowOneFullTrace_FailsNamingTheField()
    {
        var options = new AgentTracingOptions { MaxStoreBytes = 1 << 20, MaxSpansPerTrace = 10_000 };

        var result = new AgentTracingOptionsCustomValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MaxStoreBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_OneFullTraceFitsTheDefaultBudget()
    {
        var result = new AgentTracingOptionsCustomValidator().Validate(null, new AgentTracingOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private static object? Value(SpanData span, string key) => span.Attributes.Single(a => a.Key == key).Value;

    private static SpanData Span(ActivityTraceId traceId) => new()
    {
        TraceId = traceId,
        SpanId = ActivitySpanId.CreateRandom(),
        Name = "span",
        StartTime = Start,
        EndTime = Start.AddMilliseconds(5),
    };
}
