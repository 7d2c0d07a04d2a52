using System.Diagnostics;
using static MultiAgent.Observability.Tracing.Tests.TestSpans;

namespace MultiAgent.Observability.Tracing.Tests;

public sealed class TraceAnalyzerTests
{
    /// <summary>The Microsoft Agent Framework trace of semantics.md §4.2: usage on the agent span repeats its chat calls.</summary>
    private static SpanData[] MafTrace() =>
    [
        Span(1, null, 0, 100, "Planner", "invoke_agent", attributes: [("gen_ai.usage.input_tokens", 30L), ("gen_ai.usage.output_tokens", 9L)]),
        Span(2, 1, 5, 30, operation: "chat", attributes: [("gen_ai.usage.input_tokens", 10L), ("gen_ai.usage.output_tokens", 3L)]),
        Span(3, 1, 30, 60, operation: "execute_tool"),
        Span(4, 1, 60, 95, operation: "chat", attributes: [("gen_ai.usage.input_tokens", 20), ("gen_ai.usage.output_tokens", 6)]),
    ];

    [Fact]
    public void Analyze_MafTraceWithUsageOnAgentAndChatSpans_CountsTokensOnce()
    {
        var analysis = TraceAnalyzer.Analyze(MafTrace());

        var planner = Assert.Single(analysis.Agents);
        Assert.Equal("Planner", planner.Agent);
        Assert.Equal(30, planner.InputTokens);
        Assert.Equal(9, planner.OutputTokens);
        Assert.Equal(30, analysis.InputTokens);
        Assert.Equal(9, analysis.OutputTokens);
        Assert.False(analysis.Spans.Single(s => s.SpanId == Hex(1)).TokensCounted);
        Assert.True(analysis.Spans.Single(s => s.SpanId == Hex(2)).TokensCounted);
    }

    [Fact]
    public void Analyze_AgentSpanWithUsageAndNoInferenceBelow_CountsTheAgentSpan()
    {
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 100, "Planner", "invoke_agent", attributes: [("gen_ai.usage.input_tokens", 50L), ("gen_ai.usage.output_tokens", 5L)]),
            Span(2, 1, 10, 90, "Researcher", "invoke_agent"),
            Span(3, 2, 20, 80, operation: "chat", attributes: [("gen_ai.usage.input_tokens", 7L), ("gen_ai.usage.output_tokens", 2L)]),
        ]);

        // The chat call below belongs to Researcher, so Planner's own usage is not a sum of it and is counted.
        Assert.Equal(50, analysis.Agents.Single(a => a.Agent == "Planner").InputTokens);
        Assert.Equal(7, analysis.Agents.Single(a => a.Agent == "Researcher").InputTokens);
        Assert.Equal(57, analysis.InputTokens);
        Assert.Equal(7, analysis.OutputTokens);
    }

    [Fact]
    public void Analyze_TokenCountsOfOddTypes_ParsesNumbersAndFlagsGarbage()
    {
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 100, "A", "invoke_agent"),
            Span(2, 1, 0, 10, operation: "chat", attributes: [("gen_ai.usage.input_tokens", "12"), ("gen_ai.usage.output_tokens", 4.0)]),
            Span(3, 1, 10, 20, operation: "chat", attributes: [("gen_ai.usage.input_tokens", "abc"), ("gen_ai.usage.output_tokens", -3)]),
            Span(4, 1, 20, 30, operation: "text_completion", attributes: [("gen_ai.usage.input_tokens", (short)5), ("gen_ai.usage.output_tokens", 2.5)]),
        ]);

        Assert.Equal(17, analysis.InputTokens);
        Assert.Equal(4, analysis.OutputTokens);
        var problem = Assert.Single(analysis.Problems, p => p.Kind == TraceProblemKind.InvalidTokenCount);
        Assert.Equal(3, problem.Count);
        Assert.Equal(Hex(3), problem.SpanId);
        Assert.Contains("gen_ai.usage.input_tokens", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ParentAgentWaitingOnChildAgentAllTheTime_HasSelfTimeZero()
    {
        var analysis = TraceAnalyzer.Analyze(
            [Span(1, null, 0, 100, "Planner", "invoke_agent"), Span(2, 1, 0, 100, "Researcher", "invoke_agent")]);

        Assert.Equal(0, analysis.Agents.Single(a => a.Agent == "Planner").SelfTimeMs);
        Assert.Equal(100, analysis.Agents.Single(a => a.Agent == "Researcher").SelfTimeMs);
    }

    [Fact]
    public void Analyze_OverlappingAndOverflowingChildren_SelfTimeSubtractsTheUnionClippedToTheParent()
    {
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 100, "A"),
            Span(2, 1, 10, 50, "B"),
            Span(3, 1, 30, 70, "B"),
            Span(4, 1, 90, 130, "B"),
            Span(5, 1, -20, 5, "B"),
        ]);

        // Union of children clipped to [0, 100]: [0,5] + [10,70] + [90,100] = 75.
        Assert.Equal(25, analysis.Spans.Single(s => s.SpanId == Hex(1)).SelfTimeMs, 6);
        Assert.Equal(25, analysis.Agents.Single(a => a.Agent == "A").SelfTimeMs, 6);
        Assert.Equal(40 + 40 + 40 + 25, analysis.Agents.Single(a => a.Agent == "B").SelfTimeMs, 6);
    }

    [Fact]
    public void Analyze_SpansWithoutAgent_InheritTheNearestAncestorsAgent()
    {
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 100),
            Span(2, 1, 0, 100, "Planner", "invoke_agent"),
            Span(3, 2, 10, 20, operation: "chat"),
            Span(4, 2, 20, 90, operation: "execute_tool"),
            Span(5, 4, 30, 80, operation: "invoke_agent", attributes: [("gen_ai.agent.id", "agent-42")]),
            Span(6, 5, 40, 50, operation: "chat"),
            Span(7, 4, 80, 85, attributes: [("service.name", "search-svc")]),
        ]);

        string AgentOf(int id) => analysis.Spans.Single(s => s.SpanId == Hex(id)).Agent;
        Assert.Equal(TraceAnalysis.UnknownAgent, AgentOf(1));
        Assert.Equal("Planner", AgentOf(3));
        Assert.Equal("Planner", AgentOf(4));
        Assert.Equal("agent-42", AgentOf(5));
        Assert.Equal("agent-42", AgentOf(6));
        Assert.Equal("search-svc", AgentOf(7));
        Assert.Equal(["Planner", "agent-42", "search-svc", "unknown"], analysis.Agents.Select(a => a.Agent));
        Assert.Equal(3, analysis.Agents.Single(a => a.Agent == "Planner").SpanCount);
    }

    [Fact]
    public void Analyze_Operations_AreClassifiedByAttributeNeverByDisplayName()
    {
        var spans = new[]
        {
            Span(1, null, 0, 10, "A", "execute_tool") with { Name = "chat gpt-4o" },
            Span(2, 1, 1, 2, operation: "invoke_workflow"),
            Span(3, 1, 2, 3) with { Name = "invoke_agent Planner" },
            Span(4, 1, 3, 4, operation: "embeddings"),
            Span(5, 1, 4, 5, operation: "generate_content"),
            Span(6, 1, 5, 6, operation: "create_agent"),
        };

        var analysis = TraceAnalyzer.Analyze(spans);

        Assert.Equal(
            ["execute_tool", "other", "other", "embeddings", "generate_content", "create_agent"],
            analysis.Spans.Select(s => s.Operation));
    }

    [Fact]
    public void Analyze_AgentsCallingAgents_BuildsEdgesWithCallAndErrorCounts()
    {
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 100, "Planner", "invoke_agent"),
            Span(2, 1, 10, 40, operation: "execute_tool"),
            Span(3, 2, 12, 38, "Researcher", "invoke_agent"),
            Span(4, 3, 14, 30, operation: "chat"),
            Span(5, 1, 50, 90, operation: "execute_tool"),
            Span(6, 5, 52, 88, "Researcher", "invoke_agent", ActivityStatusCode.Error),
            Span(7, 6, 55, 60, "Writer", "invoke_agent", attributes: [("error.type", "timeout")]),
            Span(8, 1, 91, 99, "Writer", "invoke_agent"),
        ]);

        Assert.Equal(
            [
                new AgentEdge { Caller = "Planner", Callee = "Researcher", Calls = 2, Errors = 1 },
                new AgentEdge { Caller = "Planner", Callee = "Writer", Calls = 1, Errors = 0 },
                new AgentEdge { Caller = "Researcher", Callee = "Writer", Calls = 1, Errors = 1 },
                new AgentEdge { Caller = AgentInteractionGraph.UserNode, Callee = "Planner", Calls = 1, Errors = 0 },
            ],
            analysis.Graph.Edges);
        Assert.Equal(1, analysis.Agents.Single(a => a.Agent == "Researcher").Errors);
        Assert.Equal(1, analysis.Agents.Single(a => a.Agent == "Writer").Errors);
    }

    [Fact]
    public void Analyze_OrphansAndUnfinishedSpans_AreFlaggedAndCounted()
    {
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 100, "A"),
            Span(2, 1, 10, null),
            Span(3, 99, 20, 30, "B"),
            Span(4, 3, 22, 28),
        ]);

        var orphan = analysis.Spans.Single(s => s.SpanId == Hex(3));
        Assert.True(orphan.IsOrphan);
        Assert.False(orphan.IsRoot);
        Assert.Equal(Hex(99), orphan.ParentSpanId);
        Assert.Equal(0, orphan.Depth);
        Assert.True(analysis.Spans.Single(s => s.SpanId == Hex(2)).IsUnfinished);
        Assert.Equal(100, analysis.Spans.Single(s => s.SpanId == Hex(2)).EndMs);
        Assert.True(analysis.Spans.Single(s => s.SpanId == Hex(1)).IsRoot);
        Assert.Equal([Hex(1), Hex(3)], analysis.RootSpanIds);
        Assert.False(analysis.IsComplete);
        Assert.Contains(analysis.Problems, p => p.Kind == TraceProblemKind.OrphanSpan && p.Count == 1 && p.SpanId == Hex(3));
        Assert.Contains(analysis.Problems, p => p.Kind == TraceProblemKind.UnfinishedSpan && p.Count == 1 && p.SpanId == Hex(2));

        // The orphan's caller is unknown: no edge from "user" or anyone into B.
        Assert.DoesNotContain(analysis.Graph.Edges, e => e.Callee == "B");
        AssertTiles(analysis);
    }

    [Fact]
    public void Analyze_CompleteTrace_IsCompleteWithNoProblemsAndRootDuration()
    {
        var analysis = TraceAnalyzer.Analyze(MafTrace());

        Assert.True(analysis.IsComplete);
        Assert.Empty(analysis.Problems);
        Assert.Equal(100, analysis.DurationMs);
        Assert.Equal(TestSpans.T0, analysis.StartTime);
        Assert.Equal(TestSpans.TraceId.ToHexString(), analysis.TraceId);
        Assert.Equal([Hex(1), Hex(2), Hex(3), Hex(4)], analysis.Spans.Select(s => s.SpanId));
    }

    [Fact]
    public void Analyze_CycleInParentLinks_BreaksItAtTheEarliestSpanAndReportsIt()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, 2, 0, 100, "A"), Span(2, 1, 10, 90, "B"), Span(3, 2, 20, 30), Span(4, 4, 50, 60, "C")]);

        Assert.Equal(4, analysis.SpanCount);
        var cycle = Assert.Single(analysis.Problems, p => p.Kind == TraceProblemKind.ParentCycle);
        Assert.Equal(2, cycle.Count);
        Assert.Equal([Hex(1), Hex(4)], analysis.RootSpanIds);
        Assert.Equal(2, analysis.Spans.Single(s => s.SpanId == Hex(3)).Depth);
        Assert.False(analysis.IsComplete);
        AssertTiles(analysis);
    }

    [Fact]
    public void Analyze_DuplicateSpanIds_KeepsTheFirstAndCountsTheRest()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 100, "A"), Span(2, 1, 10, 20, "B"), Span(2, 1, 30, 90, "C"), Span(2, 1, 40, 50, "D")]);

        Assert.Equal(2, analysis.SpanCount);
        Assert.Equal("B", analysis.Spans.Single(s => s.SpanId == Hex(2)).Agent);
        Assert.Contains(analysis.Problems, p => p.Kind == TraceProblemKind.DuplicateSpanId && p.Count == 2 && p.SpanId == Hex(2));
    }

    [Fact]
    public void Analyze_NegativeDurationNullEntriesForeignAndZeroIds_AreRepairedOrIgnoredAndReported()
    {
        var foreign = Span(5, 1, 0, 10) with { TraceId = ActivityTraceId.CreateFromString("11111111111111111111111111111111") };
        var zeroId = Span(6, 1, 0, 10) with { SpanId = default };
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 100), Span(2, 1, 50, 40), null!, foreign, zeroId]);

        Assert.Equal(2, analysis.SpanCount);
        Assert.Equal(0, analysis.Spans.Single(s => s.SpanId == Hex(2)).DurationMs);
        Assert.Equal(
            [TraceProblemKind.NullSpan, TraceProblemKind.ForeignTraceId, TraceProblemKind.InvalidSpanId, TraceProblemKind.NegativeDuration],
            analysis.Problems.Select(p => p.Kind));
        Assert.All(analysis.Problems, p => Assert.Equal(1, p.Count));
        AssertTiles(analysis);
    }

    [Fact]
    public void Analyze_EmptyTrace_ReturnsAnEmptyAnalysisWithAProblem()
    {
        var analysis = TraceAnalyzer.Analyze([]);

        Assert.Equal(0, analysis.SpanCount);
        Assert.Empty(analysis.CriticalPath);
        Assert.Equal(TraceProblemKind.EmptyTrace, Assert.Single(analysis.Problems).Kind);
    }

    [Fact]
    public void Analyze_MoreSpansThanTheLimit_AnalysesTheFirstAndReportsTheRest()
    {
        var spans = Enumerable.Range(1, 10).Select(i => Span(i, i == 1 ? null : 1, i, 100)).ToArray();

        var analysis = TraceAnalyzer.Analyze(spans, new TraceAnalyzerOptions { MaxSpans = 4 });

        Assert.Equal(4, analysis.SpanCount);
        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(TraceProblemKind.TooManySpans, problem.Kind);
        Assert.Equal(6, problem.Count);
        Assert.Contains("limit of 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_GarbageAttributeValuesAndNullAttributeList_NeverThrow()
    {
        var weird = Span(2, 1, 0, 10) with
        {
            Attributes =
            [
                new("gen_ai.agent.name", new object()),
                new("gen_ai.operation.name", 42),
                new("gen_ai.usage.input_tokens", new[] { 1, 2 }),
                new("gen_ai.usage.output_tokens", double.NaN),
                new(null!, "no key"),
            ],
        };
        var noAttributes = Span(3, 1, 0, 10) with { Attributes = null! };

        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 10), weird, noAttributes]);

        Assert.Equal(3, analysis.SpanCount);
        Assert.Equal("other", analysis.Spans.Single(s => s.SpanId == Hex(2)).Operation);
        Assert.Contains(analysis.Problems, p => p.Kind == TraceProblemKind.InvalidTokenCount && p.Count == 2);
    }

    [Fact]
    public void Analyze_TokenSumsPastLongMaxValue_SaturateInsteadOfWrapping()
    {
        // The bug: two spans of long.MaxValue input tokens summed to -2.
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 10, "Planner", "invoke_agent"),
            Span(2, 1, 1, 2, operation: "chat", attributes: [("gen_ai.usage.input_tokens", long.MaxValue), ("gen_ai.usage.output_tokens", long.MaxValue)]),
            Span(3, 1, 3, 4, operation: "chat", attributes: [("gen_ai.usage.input_tokens", long.MaxValue), ("gen_ai.usage.output_tokens", 1L)]),
        ]);

        Assert.Equal(long.MaxValue, analysis.InputTokens);
        Assert.Equal(long.MaxValue, analysis.OutputTokens);
        var planner = Assert.Single(analysis.Agents);
        Assert.Equal(long.MaxValue, planner.InputTokens);
        Assert.Equal(long.MaxValue, planner.OutputTokens);
    }

    [Fact]
    public void Analyze_SelfTimeSumsPastLongMaxValue_SaturateInsteadOfWrapping()
    {
        // Three top-level spans of one agent, each nearly the whole DateTimeOffset range: their self times sum past long.MaxValue ticks.
        var min = DateTimeOffset.MinValue;
        var max = DateTimeOffset.MaxValue;
        SpanData Whole(int id) => Span(id, null, 0, 1, "Planner", "invoke_agent") with { StartTime = min, EndTime = max };

        var analysis = TraceAnalyzer.Analyze([Whole(1), Whole(2), Whole(3)]);

        var planner = Assert.Single(analysis.Agents);
        Assert.Equal(long.MaxValue / (double)TimeSpan.TicksPerMillisecond, planner.SelfTimeMs);
    }
}
