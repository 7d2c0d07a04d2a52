using System.Diagnostics;
using static MultiAgent.Observability.Tracing.Tests.TestSpans;

namespace MultiAgent.Observability.Tracing.Tests;

/// <summary>The shapes of jaeger-ui's <c>CriticalPath/testCases</c>, each checked section by section and for tiling.</summary>
public sealed class CriticalPathTests
{
    [Fact]
    public void Analyze_SequentialChildren_PathAlternatesBetweenParentAndEachChild()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 100), Span(2, 1, 10, 40), Span(3, 1, 50, 90)]);

        AssertTiles(analysis);
        Assert.Equal(
            [(Hex(1), 0, 10), (Hex(2), 10, 40), (Hex(1), 40, 50), (Hex(3), 50, 90), (Hex(1), 90, 100)],
            Sections(analysis));
    }

    [Fact]
    public void Analyze_ParallelChildren_OnlyTheLastFinishingChildIsOnThePath()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 100), Span(2, 1, 10, 60), Span(3, 1, 20, 80)]);

        AssertTiles(analysis);
        Assert.Equal([(Hex(1), 0, 20), (Hex(3), 20, 80), (Hex(1), 80, 100)], Sections(analysis));
    }

    [Fact]
    public void Analyze_ParallelChildrenWhereOneEndsBeforeTheOtherStarts_BothAreOnThePath()
    {
        // 2 ends before 4 starts; 3 overlaps 4 and ends after 4 starts, so it is not on the path ("ended strictly before").
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 100), Span(2, 1, 0, 20), Span(3, 1, 10, 50), Span(4, 1, 30, 90)]);

        AssertTiles(analysis);
        Assert.Equal([(Hex(2), 0, 20), (Hex(1), 20, 30), (Hex(4), 30, 90), (Hex(1), 90, 100)], Sections(analysis));
    }

    [Fact]
    public void Analyze_ChildOverflowingItsParentsEnd_IsClippedToTheParent()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 100), Span(2, 1, 50, 150)]);

        AssertTiles(analysis);
        Assert.Equal(100, analysis.DurationMs);
        Assert.Equal([(Hex(1), 0, 50), (Hex(2), 50, 100)], Sections(analysis));
    }

    [Fact]
    public void Analyze_ChildStartingBeforeItsParent_IsClippedToTheParent()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 100), Span(2, 1, 20, 60), Span(3, 2, 10, 40)]);

        AssertTiles(analysis);
        Assert.Equal([(Hex(1), 0, 20), (Hex(3), 20, 40), (Hex(2), 40, 60), (Hex(1), 60, 100)], Sections(analysis));
    }

    [Fact]
    public void Analyze_ChildEntirelyOutsideItsParent_IsDroppedWithItsSubtreeAndReported()
    {
        var analysis = TraceAnalyzer.Analyze(
            [Span(1, null, 0, 100), Span(2, 1, 10, 50), Span(3, 2, 60, 80), Span(4, 3, 65, 70), Span(5, 1, 120, 130)]);

        AssertTiles(analysis);
        Assert.Equal([(Hex(1), 0, 10), (Hex(2), 10, 50), (Hex(1), 50, 100)], Sections(analysis));
        var problem = Assert.Single(analysis.Problems, p => p.Kind == TraceProblemKind.ChildOutsideParent);
        Assert.Equal(2, problem.Count);
        Assert.Equal(5, analysis.SpanCount);
    }

    [Fact]
    public void Analyze_SeveralRoots_PathTilesFromFirstStartToLastEndWithIdleSections()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 50), Span(2, null, 60, 80, agent: "B"), Span(3, 2, 65, 75, agent: "B")]);

        AssertTiles(analysis);
        Assert.Equal(80, analysis.DurationMs);
        Assert.Equal([(Hex(1), 0, 50), (null, 50, 60), (Hex(2), 60, 65), (Hex(3), 65, 75), (Hex(2), 75, 80)], Sections(analysis));
        Assert.Contains(analysis.Problems, p => p.Kind == TraceProblemKind.NoSingleRoot && p.Count == 2);
        Assert.False(analysis.IsComplete);
    }

    [Fact]
    public void Analyze_OverlappingRoots_LastFinishingRootWinsAsForChildren()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 50), Span(2, null, 30, 80)]);

        AssertTiles(analysis);
        Assert.Equal([(null, 0, 30), (Hex(2), 30, 80)], Sections(analysis));
    }

    [Fact]
    public void Analyze_ConsumerChildOfProducer_IsNotOnTheProducersPath()
    {
        var analysis = TraceAnalyzer.Analyze(
            [Span(1, null, 0, 100), Span(2, 1, 10, 20, kind: ActivityKind.Producer), Span(3, 2, 15, 95, kind: ActivityKind.Consumer)]);

        AssertTiles(analysis);
        Assert.DoesNotContain(analysis.CriticalPath, s => s.SpanId == Hex(3));
        Assert.Equal([(Hex(1), 0, 10), (Hex(2), 10, 20), (Hex(1), 20, 100)], Sections(analysis));
    }

    [Fact]
    public void Analyze_NestedAgents_CriticalPathSharesAddUpAndNameTheAgents()
    {
        var analysis = TraceAnalyzer.Analyze(
        [
            Span(1, null, 0, 100, agent: "Planner", operation: "invoke_agent"),
            Span(2, 1, 0, 20, operation: "chat"),
            Span(3, 1, 20, 90, agent: "Researcher", operation: "invoke_agent"),
            Span(4, 3, 25, 85, operation: "chat"),
        ]);

        AssertTiles(analysis);
        var planner = analysis.Agents.Single(a => a.Agent == "Planner");
        var researcher = analysis.Agents.Single(a => a.Agent == "Researcher");
        Assert.Equal(30, planner.CriticalPathMs, 6);
        Assert.Equal(0.3, planner.CriticalPathShare, 6);
        Assert.Equal(70, researcher.CriticalPathMs, 6);
        Assert.Equal(0.7, researcher.CriticalPathShare, 6);
        Assert.Equal("chat", analysis.CriticalPath.Single(s => s.SpanId == Hex(4)).Operation);
    }

    [Fact]
    public void Analyze_ZeroLengthChildren_AreSkippedWithoutBreakingTheTiling()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, 10), Span(2, 1, 10, 10), Span(3, 1, 0, 0), Span(4, 1, 5, 5)]);

        AssertTiles(analysis);
        Assert.Equal([(Hex(1), 0, 10)], Sections(analysis));
    }

    [Fact]
    public void Analyze_UnfinishedRoot_EndsAtTheLatestTimeSeen()
    {
        var analysis = TraceAnalyzer.Analyze([Span(1, null, 0, null), Span(2, 1, 10, 70)]);

        AssertTiles(analysis);
        Assert.Equal(70, analysis.DurationMs);
        Assert.Equal([(Hex(1), 0, 10), (Hex(2), 10, 70)], Sections(analysis));
    }

    [Fact]
    public void Analyze_DeepChainOf100000Spans_DoesNotOverflowTheStack()
    {
        const int Depth = 100_000;
        var spans = new SpanData[Depth];
        for (var i = 0; i < Depth; i++)
        {
            spans[i] = Span(i + 1, i == 0 ? null : i, i * 0.001, 1000 - (i * 0.001));
        }

        var analysis = TraceAnalyzer.Analyze(spans);

        AssertTiles(analysis);
        Assert.Equal(Depth, analysis.SpanCount);
        Assert.Equal(Depth - 1, analysis.Spans[^1].Depth);
    }

    [Fact]
    public void Analyze_RandomTrees_AlwaysTile()
    {
        var random = new Random(20261124);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var count = random.Next(1, 80);
            var spans = new List<SpanData>(count);
            for (var i = 1; i <= count; i++)
            {
                // Parents among earlier spans mostly; sometimes none (extra roots), a missing one (orphans) or a later one
                // (which can close a cycle). Times are random, so children overflow, precede or miss their parents.
                var roll = random.Next(100);
                int? parent = i == 1 || roll < 5 ? null
                    : roll < 10 ? 10_000 + i
                    : roll < 13 ? random.Next(1, count + 1)
                    : random.Next(1, i);
                var start = random.Next(0, 1000) / 4.0;
                double? end = random.Next(100) < 5 ? null : start + (random.Next(-20, 400) / 4.0);
                var agent = random.Next(4) == 0 ? "agent" + random.Next(5) : null;
                var kind = (ActivityKind)random.Next(0, 5);
                spans.Add(Span(random.Next(100) < 3 ? Math.Max(1, i - 1) : i, parent, start, end, agent, "chat", kind: kind));
            }

            var analysis = TraceAnalyzer.Analyze(spans);

            AssertTiles(analysis);
            Assert.Equal(analysis.SpanCount, analysis.Spans.Count);
        }
    }
}
