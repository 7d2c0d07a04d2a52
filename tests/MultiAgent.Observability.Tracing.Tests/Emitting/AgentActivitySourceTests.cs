using System.Diagnostics;
using MultiAgent.Observability.Tracing.Tests.Collecting;

namespace MultiAgent.Observability.Tracing.Tests.Emitting;

public sealed class AgentActivitySourceTests
{
    [Fact]
    public void Source_NameAndVersion_AreTheConventionalOnes()
    {
        Assert.Equal("MultiAgent.Observability.Agents", AgentActivitySource.Source.Name);
        Assert.Equal(typeof(AgentActivitySource).Assembly.GetName().Version!.ToString(), AgentActivitySource.Source.Version);
    }

    [Fact]
    public void StartInvokeAgent_WithListener_EmitsConventionSpan()
    {
        using var scope = new CollectorScope(CollectorScope.OnlySources(AgentActivitySource.Name));
        Activity.Current = null;

        using var activity = AgentActivitySource.StartInvokeAgent("Planner", AgentId.Parse("planner-1"), "conv-7");

        Assert.NotNull(activity);
        Assert.Equal("invoke_agent Planner", activity.DisplayName);
        Assert.Equal(ActivityKind.Internal, activity.Kind);
        Assert.Equal(GenAIOperations.InvokeAgent, activity.GetTagItem(GenAIAttributes.OperationName));
        Assert.Equal("Planner", activity.GetTagItem(GenAIAttributes.AgentName));
        Assert.Equal("planner-1", activity.GetTagItem(GenAIAttributes.AgentId));
        Assert.Equal("conv-7", activity.GetTagItem(GenAIAttributes.ConversationId));
        Assert.Equal(ActivityIdFormat.W3C, activity.IdFormat);
    }

    [Fact]
    public void StartInvokeAgent_EmptyName_NamedByOperationOnly()
    {
        using var scope = new CollectorScope(CollectorScope.OnlySources(AgentActivitySource.Name));

        using var activity = AgentActivitySource.StartInvokeAgent(string.Empty);

        Assert.NotNull(activity);
        Assert.Equal("invoke_agent", activity.DisplayName);
        Assert.Null(activity.GetTagItem(GenAIAttributes.AgentName));
    }

    [Fact]
    public void StartExecuteTool_UnderAgent_IsChildWithToolAttributes()
    {
        using var scope = new CollectorScope(CollectorScope.OnlySources(AgentActivitySource.Name));
        Activity.Current = null;
        using var agent = AgentActivitySource.StartInvokeAgent("Planner");

        using var tool = AgentActivitySource.StartExecuteTool("search", "call_1", "function");

        Assert.NotNull(agent);
        Assert.NotNull(tool);
        Assert.Equal("execute_tool search", tool.DisplayName);
        Assert.Equal(ActivityKind.Internal, tool.Kind);
        Assert.Equal(agent.SpanId, tool.ParentSpanId);
        Assert.Equal(GenAIOperations.ExecuteTool, tool.GetTagItem(GenAIAttributes.OperationName));
        Assert.Equal("search", tool.GetTagItem(GenAIAttributes.ToolName));
        Assert.Equal("call_1", tool.GetTagItem(GenAIAttributes.ToolCallId));
        Assert.Equal("function", tool.GetTagItem(GenAIAttributes.ToolType));
    }

    [Fact]
    public void StartExecuteTool_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => AgentActivitySource.StartExecuteTool(string.Empty));
    }

    [Fact]
    public void SetTokenUsageAndSetError_RecordedOnStoredSpan()
    {
        using var scope = new CollectorScope(CollectorScope.OnlySources(AgentActivitySource.Name));
        Activity.Current = null;
        ActivitySpanId spanId;
        using (var activity = AgentActivitySource.StartInvokeAgent("Planner"))
        {
            Assert.NotNull(activity);
            spanId = activity.SpanId;
            activity.SetTokenUsage(12, 5).SetError(new TimeoutException("model timed out"));
        }

        Assert.True(scope.Store.TryGetSpan(spanId, out var span));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("model timed out", span.StatusDescription);
        Assert.Contains(span.Attributes, a => a.Key == GenAIAttributes.ErrorType && (string?)a.Value == "System.TimeoutException");
        Assert.Contains(span.Attributes, a => a.Key == GenAIAttributes.UsageInputTokens && (long?)a.Value == 12);
        Assert.Contains(span.Attributes, a => a.Key == GenAIAttributes.UsageOutputTokens && (long?)a.Value == 5);
    }

    [Fact]
    public void SetError_WithErrorType_SetsStatusAndType()
    {
        using var activity = new Activity("x").Start();

        activity.SetError("rate_limited", "429 from provider");

        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("429 from provider", activity.StatusDescription);
        Assert.Equal("rate_limited", activity.GetTagItem(GenAIAttributes.ErrorType));
        Assert.Throws<ArgumentOutOfRangeException>(() => activity.SetTokenUsage(-1, 0));
    }

    [Fact]
    public void StartInvokeAgent_HundredThousandRootsAndChildren_NoIdCollision()
    {
        using var scope = new CollectorScope(CollectorScope.OnlySources(AgentActivitySource.Name));
        var traceIds = new HashSet<ActivityTraceId>();
        var spanIds = new HashSet<ActivitySpanId>();

        for (var i = 0; i < 100_000; i++)
        {
            Activity.Current = null;
            using var root = AgentActivitySource.StartInvokeAgent("Root")!;
            using var child = AgentActivitySource.StartExecuteTool("tool")!;
            Assert.True(traceIds.Add(root.TraceId));
            Assert.True(spanIds.Add(root.SpanId));
            Assert.True(spanIds.Add(child.SpanId));
            Assert.Equal(root.TraceId, child.TraceId);
        }

        Assert.Equal(100_000, traceIds.Count);
        Assert.Equal(200_000, spanIds.Count);
    }
}
