using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tracing.Tests.Collecting;

public sealed class TraceCollectorTests
{
    [Fact]
    public void ShouldListenTo_PrefixWildcardAndExactNames_MatchOnlyThose()
    {
        var prefix = "Test.Collector." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(prefix + ".*", "Exact.Name"));

        Assert.True(scope.Collector.ShouldListenTo(new ActivitySource(prefix + ".Agents")));
        Assert.True(scope.Collector.ShouldListenTo(new ActivitySource("Exact.Name")));
        Assert.False(scope.Collector.ShouldListenTo(new ActivitySource("Exact.Name.Longer")));
        Assert.False(scope.Collector.ShouldListenTo(new ActivitySource(prefix)));
        Assert.False(scope.Collector.ShouldListenTo(new ActivitySource("Other")));
    }

    [Fact]
    public void ShouldListenTo_NameInAnotherCase_MatchesLikeOpenTelemetryAddSource()
    {
        // One case rule for every package (core's NamePatternMatcher): Tracing used to match ordinally, the Metrics bridge ignoring case.
        var prefix = "Test.Case." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(prefix + ".agents.*", prefix + ".Exact"));

        Assert.True(scope.Collector.ShouldListenTo(new ActivitySource(prefix.ToUpperInvariant() + ".AGENTS.Planner")));
        Assert.True(scope.Collector.ShouldListenTo(new ActivitySource(prefix + ".EXACT")));
        Assert.False(scope.Collector.ShouldListenTo(new ActivitySource(prefix + ".Exactly")));
    }

    [Theory]
    [InlineData(AgentActivitySource.Name)]
    [InlineData("Experimental.Microsoft.Agents.AI")]
    [InlineData("Microsoft.Agents.AI.Workflows")]
    [InlineData("Experimental.Microsoft.Extensions.AI")]
    [InlineData("Microsoft.SemanticKernel.Diagnostics")]
    [InlineData("Microsoft.SemanticKernel.Agents.Runtime")]
    public void ShouldListenTo_DefaultSources_IncludeAgentFrameworks(string sourceName)
    {
        using var scope = new CollectorScope(new AgentTracingOptions(), start: false);

        Assert.True(scope.Collector.ShouldListenTo(new ActivitySource(sourceName)));
    }

    [Fact]
    public void OnActivityStopped_GarbageAttributes_StoredWithoutThrowing()
    {
        var sourceName = "Test.Garbage." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        using var source = new ActivitySource(sourceName);
        Activity.Current = null;
        ActivitySpanId spanId;
        using (var activity = source.StartActivity("garbage"))
        {
            Assert.NotNull(activity);
            spanId = activity.SpanId;
            activity.SetTag(GenAIAttributes.UsageInputTokens, "not a number");
            activity.SetTag(GenAIAttributes.UsageOutputTokens, double.NaN);
            activity.SetTag(GenAIAttributes.AgentName, new ThrowingToString());
            activity.SetTag(GenAIAttributes.OperationName, null);
            activity.SetTag(string.Empty, new string('x', 100_000));
            activity.SetTag("nested", new object?[] { null, new object(), new[] { 1, 2 } });
            activity.SetTag("\u0000\uffff", -1);
        }

        Assert.True(scope.Store.TryGetSpan(spanId, out var span));
        Assert.Equal(0, scope.Store.GetCounters().CollectorErrors);
        Assert.DoesNotContain(span.Attributes, a => a.Key == GenAIAttributes.AgentName);
        Assert.Equal(1, scope.Store.GetCounters().AttributesDropped);
        Assert.Equal(1, scope.Store.GetCounters().ValuesTruncated);
        Assert.Equal(new string('x', new AgentTracingOptions().MaxAttributeValueLength), span.Attributes.Single(a => a.Key.Length == 0).Value);
        Assert.Equal("System.Object[]", span.Attributes.Single(a => a.Key == "nested").Value);
    }

    [Fact]
    public void OnActivityStopped_CompactCopy_ReadsBackEqualToFromActivity()
    {
        var sourceName = "Test.Compact." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        using var source = new ActivitySource(sourceName);
        Activity.Current = null;
        SpanData expected;
        using (var activity = source.StartActivity("chat gpt", ActivityKind.Client))
        {
            Assert.NotNull(activity);
            activity.SetTag("long", 10L);
            activity.SetTag("int", -7);
            activity.SetTag("double", 0.25);
            activity.SetTag("nan", double.NaN);
            activity.SetTag("bool", true);
            activity.SetTag("string", "text");
            activity.SetTag("null", null);
            activity.SetTag("short", (short)3);
            activity.SetTag("array", new[] { 1, 2 });
            activity.SetStatus(ActivityStatusCode.Error, "boom");
            activity.Stop();
            expected = SpanData.FromActivity(activity);
        }

        Assert.True(scope.Store.TryGetSpan(expected.SpanId, out var stored));
        Assert.Equal(expected with { Attributes = stored.Attributes }, stored);
        Assert.Equal(expected.Attributes.Count, stored.Attributes.Count);
        for (var i = 0; i < expected.Attributes.Count; i++)
        {
            Assert.Equal(expected.Attributes[i].Key, stored.Attributes[i].Key);
            Assert.Equal(expected.Attributes[i].Value, stored.Attributes[i].Value);
            Assert.Equal(expected.Attributes[i].Value?.GetType(), stored.Attributes[i].Value?.GetType());
        }
    }

    [Fact]
    public void OnActivityStopped_SlotsReusedAfterEviction_RemainingTracesReadBackIntact()
    {
        var sourceName = "Test.Reuse." + Guid.NewGuid().ToString("N");
        var options = CollectorScope.OnlySources(sourceName);
        options.MaxTraces = 2;
        using var scope = new CollectorScope(options);
        using var source = new ActivitySource(sourceName);
        var traces = new List<ActivityTraceId>();
        for (var t = 0; t < 7; t++)
        {
            Activity.Current = null;
            using var root = source.StartActivity("root");
            Assert.NotNull(root);
            root.SetTag("trace", (long)t);
            traces.Add(root.TraceId);
            for (var i = 0; i < t % 3 + 1; i++)
            {
                using var child = source.StartActivity("child");
                child?.SetTag("trace", (long)t);
                child?.SetTag("child", i);
            }
        }

        Assert.Equal(traces[5..], scope.Store.GetTraceIds());
        Assert.Equal((5 % 3) + 2 + (6 % 3) + 2, scope.Store.SpanCount);
        for (var t = 5; t < 7; t++)
        {
            Assert.True(scope.Store.TryGetTrace(traces[t], out var trace));
            Assert.Equal(t % 3 + 2, trace.Spans.Count);
            Assert.All(trace.Spans, s => Assert.Equal((long)t, s.Attributes[0].Value));
            Assert.Equal(
                Enumerable.Range(0, t % 3 + 1).Cast<object?>().Append(null),
                trace.Spans.Select(s => s.Attributes.Count > 1 ? s.Attributes[1].Value : null));
            Assert.Equal("root", trace.Spans[^1].Name);
        }

        Assert.Equal(5, scope.Store.GetCounters().TracesEvicted);
    }

    [Fact]
    public void OnActivityStopped_GarbageTokenAndAgentValues_StoredAndAnalyzable()
    {
        var sourceName = "Test.Garbage." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        using var source = new ActivitySource(sourceName);
        Activity.Current = null;
        ActivityTraceId traceId;
        using (var activity = source.StartActivity("garbage"))
        {
            Assert.NotNull(activity);
            traceId = activity.TraceId;
            activity.SetTag(GenAIAttributes.OperationName, 42);
            activity.SetTag(GenAIAttributes.UsageInputTokens, "lots");
            activity.SetTag(GenAIAttributes.UsageOutputTokens, -5);
            activity.SetTag(GenAIAttributes.AgentName, new object());
        }

        Assert.True(scope.Store.TryGetTrace(traceId, out var trace));
        var analysis = TraceAnalyzer.Analyze(trace.Spans);
        Assert.Equal(1, analysis.SpanCount);
    }

    [Fact]
    public void OnActivityStopped_ActivityWithoutIds_CountedNotThrown()
    {
        using var scope = new CollectorScope(new AgentTracingOptions(), start: false);
        var activity = new Activity("never started") { ActivityTraceFlags = ActivityTraceFlags.Recorded };

        var exception = Record.Exception(() => scope.Collector.OnActivityStopped(activity));

        Assert.Null(exception);
        Assert.Equal(1, scope.Store.GetCounters().SpansDroppedInvalid);
    }

    [Fact]
    public void OnActivityStopped_CopyFails_CountedLoggedAndNotThrown()
    {
        var sourceName = "Test.Failing." + Guid.NewGuid().ToString("N");
        var options = Options.Create(CollectorScope.OnlySources(sourceName));
        using var scope = new CollectorScope(options.Value, start: false);
        using var dropped = scope.Collect("multiagent.tracing.spans.dropped");
        var logger = new FakeLogger<TraceCollector>();
        using var collector = new TraceCollector(scope.Store, options, logger) { Snapshot = _ => throw new InvalidOperationException("broken copy") };
        collector.Start();
        using var source = new ActivitySource(sourceName);
        Activity.Current = null;

        var exception = Record.Exception(() => source.StartActivity("doomed")!.Dispose());

        Assert.Null(exception);
        Assert.Equal(1, scope.Store.GetCounters().CollectorErrors);
        Assert.Equal(1, scope.Store.GetCounters().SpansDropped);
        Assert.Equal("collector_error", Assert.Single(dropped.GetMeasurementSnapshot()).Tags["reason"]);
        var record = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 4001);
        Assert.Equal("TraceCollectorFailed", record.Id.Name);
        Assert.Contains("doomed", record.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(record.Exception);
    }

    [Fact]
    public void Sample_RatioZero_RootNotRecordedButChildOfSampledRemoteParentIs()
    {
        var sourceName = "Test.Sampling." + Guid.NewGuid().ToString("N");
        var options = CollectorScope.OnlySources(sourceName);
        options.SamplingRatio = 0;
        using var scope = new CollectorScope(options);
        using var source = new ActivitySource(sourceName);
        Activity.Current = null;

        using (var root = source.StartActivity("root"))
        {
            Assert.NotNull(root);
            Assert.False(root.Recorded);
            Assert.False(root.IsAllDataRequested);
        }

        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        using (var child = source.StartActivity("child", ActivityKind.Server, sampledParent))
        {
            Assert.NotNull(child);
            Assert.True(child.Recorded);
        }

        Assert.Equal([sampledParent.TraceId], scope.Store.GetTraceIds());
    }

    [Fact]
    public void Sample_RatioOne_ChildOfUnsampledParentNotRecorded()
    {
        var sourceName = "Test.Sampling." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        using var source = new ActivitySource(sourceName);
        var unsampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        using (var child = source.StartActivity("child", ActivityKind.Consumer, unsampled))
        {
            Assert.NotNull(child);
            Assert.False(child.Recorded);
            using var grandChild = source.StartActivity("grandchild");
            Assert.NotNull(grandChild);
            Assert.False(grandChild.Recorded);
        }

        Assert.Equal(0, scope.Store.TraceCount);
    }

    [Fact]
    public void Sample_RatioHalf_RecordsAboutHalfOfRootsAndWholeTraces()
    {
        var sourceName = "Test.Sampling." + Guid.NewGuid().ToString("N");
        var options = CollectorScope.OnlySources(sourceName);
        options.SamplingRatio = 0.5;
        using var scope = new CollectorScope(options);
        using var source = new ActivitySource(sourceName);
        var recorded = 0;

        for (var i = 0; i < 4000; i++)
        {
            Activity.Current = null;
            using var root = source.StartActivity("root")!;
            using var child = source.StartActivity("child")!;
            Assert.Equal(root.Recorded, child.Recorded);
            recorded += root.Recorded ? 1 : 0;
        }

        Assert.InRange(recorded, 1600, 2400);
        Assert.Equal(recorded, scope.Store.TraceCount);
        Assert.Equal(2 * recorded, scope.Store.SpanCount);
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true)]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", false)]
    [InlineData("|legacy.hierarchical.id.", true)]
    public void Sample_StringParentId_FollowsW3CFlagOrRatio(string parentId, bool recorded)
    {
        var sourceName = "Test.Sampling." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        using var source = new ActivitySource(sourceName);
        Activity.Current = null;

        using var child = source.StartActivity("child", ActivityKind.Server, parentId);

        Assert.NotNull(child);
        Assert.Equal(recorded, child.Recorded);
    }

    [Fact]
    public void Stop_AfterStop_SpansNoLongerCollected()
    {
        var sourceName = "Test.Stop." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        using var source = new ActivitySource(sourceName);
        Activity.Current = null;
        source.StartActivity("before")!.Dispose();

        scope.Collector.Stop();

        Assert.Null(source.StartActivity("after"));
        Assert.False(scope.Collector.IsStarted);
        Assert.Equal(1, scope.Store.SpanCount);
    }
}
