using System.Diagnostics;
using System.Text.Json;
using AgentFrameworkTracing;
using MultiAgent.Observability.Tracing.Tests.Collecting;

namespace MultiAgent.Observability.Tracing.Tests.AgentFramework;

/// <summary>
/// Runs the real Microsoft Agent Framework (Microsoft.Agents.AI) on fake chat clients with the framework's own
/// OpenTelemetry instrumentation (<c>UseOpenTelemetry</c>), collects the spans with our listener and checks what the
/// analysis reconstructs: tree, agents, tokens (each counted once) and critical path.
/// </summary>
public sealed class AgentFrameworkTracingTests
{
    [Fact]
    public async Task RunAsync_AgentCallingTool_StoresInvokeAgentChatToolChatTree()
    {
        var sourceName = "Test.MAF." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        var agent = MultiAgentConversation.CreateResearcher(sourceName);

        var answer = await MultiAgentConversation.AskAsync(agent, "Weather in Oslo?", TestContext.Current.CancellationToken);

        Assert.Contains("raining", answer, StringComparison.Ordinal);
        var spans = SingleTrace(scope);
        var root = Assert.Single(spans, s => s.ParentSpanId == default);
        Assert.Equal(GenAIOperations.InvokeAgent, Attribute(root, GenAIAttributes.OperationName));
        Assert.Equal(MultiAgentConversation.ResearcherName, Attribute(root, GenAIAttributes.AgentName));
        var children = spans.Where(s => s.ParentSpanId == root.SpanId).OrderBy(s => s.StartTime).ToArray();
        Assert.Equal(
            [GenAIOperations.Chat, GenAIOperations.ExecuteTool, GenAIOperations.Chat],
            children.Select(s => Attribute(s, GenAIAttributes.OperationName)));
        Assert.Equal(MultiAgentConversation.WeatherToolName, Attribute(children[1], GenAIAttributes.ToolName));
        Assert.Equal("call_GetWeather", Attribute(children[1], GenAIAttributes.ToolCallId));
        Assert.Equal(4, spans.Count);

        var analysis = TraceAnalyzer.Analyze(spans);

        Assert.True(analysis.IsComplete);
        Assert.Equal(4, analysis.SpanCount);

        // MAF puts the sum of its chat calls on invoke_agent as well: counted once, 30 and 9, not 60 and 18.
        Assert.Equal(FakeChatClient.FirstInputTokens + FakeChatClient.SecondInputTokens, analysis.InputTokens);
        Assert.Equal(FakeChatClient.FirstOutputTokens + FakeChatClient.SecondOutputTokens, analysis.OutputTokens);
        var researcher = Assert.Single(analysis.Agents);
        Assert.Equal(MultiAgentConversation.ResearcherName, researcher.Agent);
        Assert.Equal(4, researcher.SpanCount);
        Assert.Equal(30, researcher.InputTokens);
        Assert.Equal(1.0, researcher.CriticalPathShare, 3);
        AssertCriticalPathTilesTrace(analysis, spans);
        var edge = Assert.Single(analysis.Graph.Edges);
        Assert.Equal(("user", MultiAgentConversation.ResearcherName, 1), (edge.Caller, edge.Callee, edge.Calls));
    }

    [Fact]
    public async Task RunAsync_AgentCallingAgentAsTool_StoresNestedTreeWithBothAgents()
    {
        var sourceName = "Test.MAF." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        var agent = MultiAgentConversation.CreateCoordinator(sourceName);

        var answer = await MultiAgentConversation.AskAsync(agent, "Weather in Oslo?", TestContext.Current.CancellationToken);

        Assert.Contains("raining", answer, StringComparison.Ordinal);
        var spans = SingleTrace(scope);
        Assert.Equal(8, spans.Count);
        var root = Assert.Single(spans, s => s.ParentSpanId == default);
        Assert.Equal(MultiAgentConversation.CoordinatorName, Attribute(root, GenAIAttributes.AgentName));
        var researcherTool = Assert.Single(spans, s => (string?)Attribute(s, GenAIAttributes.ToolName) == MultiAgentConversation.ResearcherName);
        Assert.Equal(root.SpanId, researcherTool.ParentSpanId);
        var researcherAgent = Assert.Single(spans, s => (string?)Attribute(s, GenAIAttributes.AgentName) == MultiAgentConversation.ResearcherName);
        Assert.Equal(researcherTool.SpanId, researcherAgent.ParentSpanId);
        var weather = Assert.Single(spans, s => (string?)Attribute(s, GenAIAttributes.ToolName) == MultiAgentConversation.WeatherToolName);
        Assert.Equal(researcherAgent.SpanId, weather.ParentSpanId);
        Assert.Equal(2, spans.Count(s => s.ParentSpanId == researcherAgent.SpanId && (string?)Attribute(s, GenAIAttributes.OperationName) == GenAIOperations.Chat));

        var analysis = TraceAnalyzer.Analyze(spans);

        Assert.True(analysis.IsComplete);
        Assert.Equal(60, analysis.InputTokens);
        Assert.Equal(18, analysis.OutputTokens);
        Assert.Equal([MultiAgentConversation.CoordinatorName, MultiAgentConversation.ResearcherName], analysis.Agents.Select(a => a.Agent));
        Assert.All(analysis.Agents, a => Assert.Equal((4, 30L, 9L), (a.SpanCount, a.InputTokens, a.OutputTokens)));

        // Every call is sequential, so the researcher's work lies on the critical path.
        var researcher = analysis.Agents.Single(a => a.Agent == MultiAgentConversation.ResearcherName);
        Assert.True(researcher.CriticalPathMs > 0);
        Assert.Contains(analysis.CriticalPath, s => s.SpanId == researcherAgent.SpanId.ToHexString() || s.Agent == MultiAgentConversation.ResearcherName);
        Assert.Equal(1.0, analysis.Agents.Sum(a => a.CriticalPathShare), 3);
        AssertCriticalPathTilesTrace(analysis, spans);
        Assert.Equal(
            [("user", MultiAgentConversation.CoordinatorName, 1), (MultiAgentConversation.CoordinatorName, MultiAgentConversation.ResearcherName, 1)],
            analysis.Graph.Edges.Select(e => (e.Caller, e.Callee, e.Calls)).OrderBy(e => e.Caller == "user" ? 0 : 1));
    }

    [Fact]
    public async Task Sample_AnalysisJson_HasTheDocumentedShape()
    {
        var sourceName = "Test.MAF." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName));
        var agent = MultiAgentConversation.CreateCoordinator(sourceName);
        await MultiAgentConversation.AskAsync(agent, "Weather in Paris?", TestContext.Current.CancellationToken);
        var spans = SingleTrace(scope);

        using var json = JsonDocument.Parse(TraceAnalysisJson.Serialize(TraceAnalyzer.Analyze(spans)));

        var root = json.RootElement;
        Assert.Equal(spans[0].TraceId.ToHexString(), root.GetProperty("traceId").GetString());
        Assert.True(root.GetProperty("durationMs").GetDouble() > 0);
        var agents = root.GetProperty("agents").EnumerateArray().ToArray();
        Assert.Equal(2, agents.Length);
        foreach (var a in agents)
        {
            Assert.Equal(4, a.GetProperty("spanCount").GetInt32());
            Assert.True(a.GetProperty("selfTimeMs").GetDouble() >= 0);
            Assert.InRange(a.GetProperty("criticalPathShare").GetDouble(), 0, 1);
            Assert.Equal(30, a.GetProperty("inputTokens").GetInt64());
            Assert.Equal(9, a.GetProperty("outputTokens").GetInt64());
        }

        var sections = root.GetProperty("criticalPath").EnumerateArray().ToArray();
        Assert.NotEmpty(sections);
        Assert.All(sections, s =>
        {
            Assert.Equal(16, s.GetProperty("spanId").GetString()!.Length);
            Assert.False(string.IsNullOrEmpty(s.GetProperty("agent").GetString()));
            Assert.True(s.GetProperty("endMs").GetDouble() >= s.GetProperty("startMs").GetDouble());
        });
        var edges = root.GetProperty("graph").GetProperty("edges").EnumerateArray().ToArray();
        Assert.Contains(edges, e => e.GetProperty("caller").GetString() == "Coordinator"
            && e.GetProperty("callee").GetString() == "Researcher"
            && e.GetProperty("calls").GetInt32() == 1
            && e.GetProperty("errors").GetInt32() == 0);

        using var chrome = new MemoryStream();
        ChromeTraceExporter.Write(spans, chrome);
        using var events = JsonDocument.Parse(chrome.ToArray());
        Assert.Equal(8, events.RootElement.GetProperty("traceEvents").EnumerateArray().Count(e => e.GetProperty("ph").GetString() == "X"));
    }

    [Fact]
    public async Task DispatchAsync_TaskThroughQueueWithTraceContext_OneTraceAcrossThreeAgents()
    {
        var sourceName = "Test.MAF." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName, AgentActivitySource.Name));
        var coordinator = MultiAgentConversation.CreateCoordinator(sourceName);

        var (answer, traceId) = await MultiAgentConversation.DispatchAsync(coordinator, "Weather in Oslo?", TestContext.Current.CancellationToken);

        Assert.Contains("raining", answer, StringComparison.Ordinal);
        Assert.True(scope.Store.TryGetTrace(traceId, out var trace));
        Assert.Equal(10, trace.Spans.Count);
        var receive = Assert.Single(trace.Spans, s => s.Kind == ActivityKind.Consumer);
        var dispatcher = Assert.Single(trace.Spans, s => s.ParentSpanId == default);
        Assert.Equal(dispatcher.SpanId, receive.ParentSpanId);
        Assert.Equal("invoke_agent Dispatcher", dispatcher.Name);

        var analysis = TraceAnalyzer.Analyze(trace.Spans);

        Assert.True(analysis.IsComplete);
        Assert.Equal(
            [MultiAgentConversation.CoordinatorName, MultiAgentConversation.DispatcherName, MultiAgentConversation.ResearcherName],
            analysis.Agents.Select(a => a.Agent));
        Assert.Equal(60, analysis.InputTokens);
        Assert.Contains(analysis.Graph.Edges, e => (e.Caller, e.Callee, e.Calls) == (MultiAgentConversation.DispatcherName, MultiAgentConversation.CoordinatorName, 1));
        AssertCriticalPathTilesTrace(analysis, trace.Spans);
        Assert.Contains("Dispatcher -> Coordinator: 1 call(s), 0 error(s)", AnalysisTable.Render(answer, analysis), StringComparison.Ordinal);
    }

    private static IReadOnlyList<SpanData> SingleTrace(CollectorScope scope)
    {
        var traceId = Assert.Single(scope.Store.GetTraceIds());
        Assert.True(scope.Store.TryGetTrace(traceId, out var trace));
        Assert.False(trace.IsTruncated);
        return trace.Spans;
    }

    private static object? Attribute(SpanData span, string key)
    {
        foreach (var pair in span.Attributes)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static void AssertCriticalPathTilesTrace(TraceAnalysis analysis, IReadOnlyList<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId.ToHexString()).ToHashSet();
        var sections = analysis.CriticalPath;
        Assert.NotEmpty(sections);
        Assert.All(sections, s => Assert.Contains(s.SpanId!, ids));
        for (var i = 1; i < sections.Count; i++)
        {
            Assert.Equal(sections[i - 1].EndMs, sections[i].StartMs, 6);
        }

        Assert.Equal(analysis.DurationMs, sections[^1].EndMs - sections[0].StartMs, 3);
    }
}
