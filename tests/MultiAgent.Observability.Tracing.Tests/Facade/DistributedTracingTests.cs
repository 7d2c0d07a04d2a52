using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Tracing.Tests.Collecting;

namespace MultiAgent.Observability.Tracing.Tests.Facade;

public sealed class DistributedTracingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StartTraceStartSpanFinishSpan_LinksParentAndStoresSpans()
    {
        var time = new FakeTimeProvider(Start);
        using var scope = new CollectorScope(new AgentTracingOptions(), time, start: false);
        var tracing = new DistributedTracing(scope.Store, time);

        var root = tracing.StartTrace("handle_request", AgentId.Parse("planner"), [new("customer", "acme")]);
        time.Advance(TimeSpan.FromMilliseconds(10));
        var child = tracing.StartSpan("search", AgentId.Parse("researcher"), root.Context);
        time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.True(tracing.FinishSpan(child.SpanId, ActivityStatusCode.Error, "index offline", [new("hits", 0)]));
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.True(tracing.FinishSpan(root.SpanId));

        Assert.Equal(default, root.ParentSpanId);
        Assert.Equal(root.TraceId, child.TraceId);
        Assert.Equal(root.SpanId, child.ParentSpanId);
        Assert.Equal(0, tracing.OpenSpanCount);
        Assert.True(scope.Store.TryGetSpan(child.SpanId, out var childSpan));
        Assert.Equal(Start.AddMilliseconds(10), childSpan.StartTime);
        Assert.Equal(Start.AddMilliseconds(40), childSpan.EndTime);
        Assert.Equal(ActivityStatusCode.Error, childSpan.Status);
        Assert.Equal("index offline", childSpan.StatusDescription);
        Assert.Contains(childSpan.Attributes, a => a.Key == "hits" && (int?)a.Value == 0);
        Assert.Contains(childSpan.Attributes, a => a.Key == GenAIAttributes.AgentId && (string?)a.Value == "researcher");
        Assert.True(scope.Store.TryGetSpan(root.SpanId, out var rootSpan));
        Assert.Contains(rootSpan.Attributes, a => a.Key == "customer" && (string?)a.Value == "acme");
        Assert.Equal(ActivityStatusCode.Ok, rootSpan.Status);
    }

    [Fact]
    public void GetTraceAnalysis_FinishedTrace_AnalyzedWithAgentsAndDuration()
    {
        var time = new FakeTimeProvider(Start);
        using var scope = new CollectorScope(new AgentTracingOptions(), time, start: false);
        var tracing = new DistributedTracing(scope.Store, time);
        var root = tracing.StartTrace("handle_request", AgentId.Parse("planner"));
        time.Advance(TimeSpan.FromMilliseconds(10));
        var child = tracing.StartSpan("search", AgentId.Parse("researcher"), root.Context);
        time.Advance(TimeSpan.FromMilliseconds(30));
        tracing.FinishSpan(child.SpanId);
        time.Advance(TimeSpan.FromMilliseconds(5));
        tracing.FinishSpan(root.SpanId);

        var analysis = tracing.GetTraceAnalysis(root.TraceId);

        Assert.NotNull(analysis);
        Assert.Equal(root.TraceId.ToHexString(), analysis.TraceId);
        Assert.Equal(45, analysis.DurationMs, 3);
        Assert.Equal(2, analysis.SpanCount);
        Assert.True(analysis.IsComplete);
        Assert.Equal(["planner", "researcher"], analysis.Agents.Select(a => a.Agent));
        Assert.Equal(30, analysis.Agents.Single(a => a.Agent == "researcher").CriticalPathMs, 3);
        Assert.Null(tracing.GetTraceAnalysis(ActivityTraceId.CreateRandom()));
    }

    [Fact]
    public void FinishSpan_TraceAtSpanLimitWithCollectorListening_DropCountedOnce()
    {
        var time = new FakeTimeProvider(Start);
        using var scope = new CollectorScope(new AgentTracingOptions { MaxSpansPerTrace = 1 }, time);
        var tracing = new DistributedTracing(scope.Store, time);
        var root = tracing.StartTrace("handle_request", AgentId.Parse("planner"));
        var child = tracing.StartSpan("search", AgentId.Parse("researcher"), root.Context);

        Assert.True(tracing.FinishSpan(child.SpanId));
        Assert.True(tracing.FinishSpan(root.SpanId));

        Assert.True(scope.Store.TryGetTrace(root.TraceId, out var trace));
        Assert.Equal(child.SpanId, Assert.Single(trace.Spans).SpanId);
        Assert.Equal(1, trace.DroppedSpans);
        Assert.False(scope.Store.TryGetSpan(root.SpanId, out _));
    }

    [Fact]
    public void FinishSpan_UnknownOrAlreadyFinished_ReturnsFalse()
    {
        using var scope = new CollectorScope(new AgentTracingOptions(), start: false);
        var tracing = new DistributedTracing(scope.Store, scope.TimeProvider);
        var root = tracing.StartTrace("op", AgentId.Parse("agent"));

        Assert.True(tracing.FinishSpan(root.SpanId));
        Assert.False(tracing.FinishSpan(root.SpanId));
        Assert.False(tracing.FinishSpan(ActivitySpanId.CreateRandom()));
        Assert.Single(scope.Store.GetTraceIds());
    }

    [Fact]
    public void StartTrace_OpenSpanLimitReached_ThrowsClearError()
    {
        using var scope = new CollectorScope(new AgentTracingOptions(), start: false);
        var tracing = new DistributedTracing(scope.Store, scope.TimeProvider, maxOpenSpans: 2);
        tracing.StartTrace("a", AgentId.Parse("agent"));
        tracing.StartTrace("b", AgentId.Parse("agent"));

        var exception = Assert.Throws<InvalidOperationException>(() => tracing.StartTrace("c", AgentId.Parse("agent")));

        Assert.Contains("FinishSpan", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => tracing.StartSpan("d", AgentId.Parse("agent"), default));
    }

    [Fact]
    public void StartTrace_AgentId_OnTheHandleAndTheSpanAsTheRegistryNamesIt()
    {
        using var scope = new CollectorScope(new AgentTracingOptions(), start: false);
        var tracing = new DistributedTracing(scope.Store, scope.TimeProvider);
        var id = AgentId.Parse("planner-1");

        var handle = tracing.StartTrace("plan", id);
        Assert.True(tracing.FinishSpan(handle.SpanId));

        Assert.Equal(id, handle.AgentId);
        Assert.True(scope.Store.TryGetSpan(handle.SpanId, out var span));
        Assert.Contains(span.Attributes, a => a.Key == GenAIAttributes.AgentId && (string?)a.Value == "planner-1");
        var exception = Assert.Throws<ArgumentException>(() => tracing.StartTrace("plan", default));
        Assert.Contains("AgentId.Parse", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartTrace_HundredThousandSpansInOneFrozenMillisecond_NoIdCollision()
    {
        // The original built span ids from trace id, agent id and the millisecond clock: these all collided.
        var time = new FakeTimeProvider(Start);
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraces = 1, MaxSpansPerTrace = 200_000, MaxSpans = 200_000 }, time, start: false);
        var tracing = new DistributedTracing(scope.Store, time);
        var root = tracing.StartTrace("conversation", AgentId.Parse("agent-1"));
        var traceIds = new HashSet<ActivityTraceId>();
        var spanIds = new HashSet<ActivitySpanId> { root.SpanId };

        for (var i = 0; i < 100_000; i++)
        {
            var span = tracing.StartSpan("step", AgentId.Parse("agent-1"), root.Context);
            Assert.True(spanIds.Add(span.SpanId));
            Assert.True(tracing.FinishSpan(span.SpanId));
        }

        for (var i = 0; i < 1_000; i++)
        {
            var other = tracing.StartTrace("conversation", AgentId.Parse("agent-1"));
            Assert.True(traceIds.Add(other.TraceId));
            tracing.FinishSpan(other.SpanId);
        }

        Assert.Equal(100_001, spanIds.Count);
        Assert.Equal(0, scope.Store.GetCounters().SpansDroppedInvalid);
        Assert.Equal(Start, time.GetUtcNow());
    }
}
