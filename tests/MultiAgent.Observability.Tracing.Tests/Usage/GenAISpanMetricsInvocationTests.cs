using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>
/// Calls are counted on their own invocation when several are open at once and their calls interleave, an invocation's
/// counts start from nothing, and the invocations tracked at once are bounded.
/// </summary>
public sealed class GenAISpanMetricsInvocationTests
{
    [Fact]
    public void Calls_TwoOpenInvocationsInterleaved_EachCountsItsOwn()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var inference = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var tools = scope.Collect<long>(GenAIMetricNames.InvokeAgentToolCalls);
        using var source = new ActivitySource(sourceName);

        Interleaved(source, ("a", "chat"), ("b", "execute_tool"), ("a", "execute_tool"), ("b", "execute_tool"), ("a", "chat"), ("b", "chat"), ("a", "chat"));

        Assert.Equal([("a", 3L), ("b", 1L)], ByAgent(inference));
        Assert.Equal([("a", 1L), ("b", 2L)], ByAgent(tools));
        Assert.Equal(0, scope.Metrics.OpenInvocations);
    }

    [Fact]
    public void Calls_InvocationsOneAfterAnother_EachStartsFromNothing()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var inference = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var tools = scope.Collect<long>(GenAIMetricNames.InvokeAgentToolCalls);
        using var source = new ActivitySource(sourceName);

        for (var round = 1; round <= 3; round++)
        {
            using var agent = Agent(source, "a");
            for (var call = 0; call < round; call++)
            {
                Call(agent, source, "chat");
            }
        }

        Assert.Equal([1L, 2L, 3L], inference.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal([0L, 0L, 0L], tools.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public void Calls_OperationNamesNotInterned_ReadByTheirText()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var inference = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var tools = scope.Collect<long>(GenAIMetricNames.InvokeAgentToolCalls);
        using var source = new ActivitySource(sourceName);

        using (var agent = GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, Copy(GenAIOperations.InvokeAgent)), (GenAIAttributes.AgentName, "a")))
        {
            Call(agent, source, Copy(GenAIOperations.Chat));
            Call(agent, source, Copy(GenAIOperations.ExecuteTool));
        }

        Assert.Equal((1L, 1L), (Assert.Single(inference.GetMeasurementSnapshot()).Value, Assert.Single(tools.GetMeasurementSnapshot()).Value));
    }

    [Fact]
    public void Calls_AgentsPastTheCap_CountedUnderOtherAndEachReplacementCounted()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName, new GenAIMetricsOptions { MaxAgentNames = 2, LatestExperimentalConventions = false });
        using var inference = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var capped = scope.Collect<long>(GenAIMetricNames.ValuesCapped);
        using var source = new ActivitySource(sourceName);

        // An agent seen before is found with its series in one lookup (a name copied, not the same instance, too);
        // one past the cap is capped again on every invocation, each replacement counted.
        foreach (var name in new[] { "a", "b", "c", Copy("a"), "c", GenAIMetricNames.OtherValue })
        {
            using var agent = Agent(source, name);
            Call(agent, source, "chat");
            Call(agent, source, "chat");
        }

        Assert.Equal([("_other", 2L), ("_other", 2L), ("_other", 2L), ("a", 2L), ("a", 2L), ("b", 2L)], ByAgent(inference));
        Assert.Equal(12, capped.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, scope.Caps.Agents.Count);
        Assert.Equal(0, scope.Metrics.OpenInvocations);
    }

    [Fact]
    public void Invocations_PastMaxOpen_CappedCountedAndTheirCallsNotCounted()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName, new GenAIMetricsOptions { MaxOpenAgentInvocations = 1, LatestExperimentalConventions = false });
        using var inference = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var capped = scope.Collect<long>(GenAIMetricNames.ValuesCapped);
        using var source = new ActivitySource(sourceName);

        Interleaved(source, ("a", "chat"), ("b", "chat"), ("a", "chat"));

        Assert.Equal([("a", 2L), ("b", 0L)], ByAgent(inference));
        var count = Assert.Single(capped.GetMeasurementSnapshot());
        Assert.Equal((GenAISpanMetrics.OpenInvocationsAttribute, BoundedValues.ReasonLimit), (GenAIScope.TagOf(count, "attribute"), GenAIScope.TagOf(count, "reason")));
        Assert.Equal(0, scope.Metrics.OpenInvocations);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(0, false)]
    public void Invocations_FullAndOneWhoseEndIsNeverSeen_ReplacedOnlyOnceItEndedLongBefore(int endedSecondsAgo, bool replaced)
    {
        // The metrics see spans in the order they stopped, a little later: an agent span that stopped just now may still be
        // on its way, so only one that stopped well before the span being handled is taken for never collected.
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName, new GenAIMetricsOptions { MaxOpenAgentInvocations = 1, LatestExperimentalConventions = false });
        using var inference = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var capped = scope.Collect<long>(GenAIMetricNames.ValuesCapped);
        using var source = new ActivitySource(sourceName);
        var now = DateTime.UtcNow;
        using (var uncollected = new Activity("invoke_agent ghost"))
        {
            uncollected.SetTag(GenAIAttributes.OperationName, GenAIOperations.InvokeAgent).SetTag(GenAIAttributes.AgentName, "ghost");
            uncollected.ActivityTraceFlags = ActivityTraceFlags.Recorded;
            uncollected.SetStartTime(now - TimeSpan.FromSeconds(endedSecondsAgo + 1)).Start();
            Call(uncollected, source, "chat");
            uncollected.SetEndTime(now - TimeSpan.FromSeconds(endedSecondsAgo));
        }

        Activity.Current = null;
        using (var agent = Agent(source, "a"))
        {
            Call(agent, source, "chat");
        }

        Assert.Equal([("a", replaced ? 1L : 0L)], ByAgent(inference));
        Assert.Equal(replaced ? 0 : 1, capped.GetMeasurementSnapshot().Count);
        Assert.Equal(replaced ? 0 : 1, scope.Metrics.OpenInvocations);
    }

    private static string Copy(string text) => new(text.AsSpan());

    private static Activity Agent(ActivitySource source, string name) =>
        GenAIScope.Start(source, "invoke_agent " + name, (GenAIAttributes.OperationName, GenAIOperations.InvokeAgent), (GenAIAttributes.AgentName, name));

    /// <summary>Agents <c>a</c> and <c>b</c> open side by side under one root, their calls made in the order given, then both end.</summary>
    private static void Interleaved(ActivitySource source, params (string Agent, string Operation)[] calls)
    {
        using var root = GenAIScope.Start(source, "workflow");
        using var a = Agent(source, "a");
        Activity.Current = root;
        using var b = Agent(source, "b");
        foreach (var (agent, operation) in calls)
        {
            Call(agent == "a" ? a : b, source, operation);
        }
    }

    private static void Call(Activity parent, ActivitySource source, string operation)
    {
        Activity.Current = parent;
        GenAIScope.Start(source, operation, (GenAIAttributes.OperationName, operation)).Dispose();
    }

    private static (string?, long)[] ByAgent(DerivedMeasurements<long> collector) =>
        [.. collector.GetMeasurementSnapshot().Select(m => (GenAIScope.TagOf(m, GenAIAttributes.AgentName), m.Value)).OrderBy(m => m.Item1, StringComparer.Ordinal)];
}
