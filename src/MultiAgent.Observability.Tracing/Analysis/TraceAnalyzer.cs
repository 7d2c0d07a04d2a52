namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Analyses one trace: the span tree, each agent's participation (self time, critical-path share, tokens, errors), the
/// critical path as Jaeger computes it, and the agent interaction graph.
/// </summary>
/// <remarks>
/// Bad data never throws: duplicates, cycles, orphans, unfinished spans, negative durations and unusable attribute values
/// are repaired as described on <see cref="TraceProblemKind"/> and reported in <see cref="TraceAnalysis.Problems"/>.
/// The analysis is O(n log n) in the number of spans and walks the tree without recursion.
/// </remarks>
public static class TraceAnalyzer
{
    private const double TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
    private static readonly TraceAnalyzerOptions s_defaultOptions = new();

    /// <summary>Analyses the spans of one trace with the default <see cref="TraceAnalyzerOptions"/>.</summary>
    /// <param name="spans">The spans of one trace, in any order.</param>
    /// <returns>The analysis.</returns>
    public static TraceAnalysis Analyze(IReadOnlyList<SpanData> spans) => Analyze(spans, s_defaultOptions);

    /// <summary>Analyses the spans of one trace.</summary>
    /// <param name="spans">The spans of one trace, in any order. Spans of another trace than the first span's are ignored.</param>
    /// <param name="options">The limits.</param>
    /// <returns>The analysis.</returns>
    public static TraceAnalysis Analyze(IReadOnlyList<SpanData> spans, TraceAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(options);
        var maxSpans = Math.Max(1, options.MaxSpans);
        var tree = TraceTree.Build(spans, maxSpans);
        var n = tree.Count;
        var problems = tree.Problems;
        if (n == 0)
        {
            problems.Add(TraceProblemKind.EmptyTrace, null, null, 1);
            return new TraceAnalysis
            {
                TraceId = string.Empty,
                StartTime = DateTimeOffset.MinValue,
                DurationMs = 0,
                SpanCount = 0,
                IsComplete = false,
                RootSpanIds = [],
                Spans = [],
                Agents = [],
                CriticalPath = [],
                Graph = new AgentInteractionGraph { Edges = [] },
                InputTokens = 0,
                OutputTokens = 0,
                Problems = problems.ToList(maxSpans),
            };
        }

        var (traceStart, traceEnd) = Window(tree);
        if (tree.TopLevel.Length != 1)
        {
            problems.Add(TraceProblemKind.NoSingleRoot, null, null, tree.TopLevel.Length);
        }

        var selfTime = SelfTimes(tree);
        var (input, output, counted) = CountTokens(tree);
        var isError = new bool[n];
        for (var i = 0; i < n; i++)
        {
            isError[i] = SpanAttributes.IsError(tree.Spans[i]);
        }

        var sections = CriticalPathCalculator.Compute(tree, traceStart, traceEnd);
        var duration = traceEnd - traceStart;

        // Per agent, in one pass; SortedDictionary keeps the output order deterministic.
        var agents = new SortedDictionary<string, AgentTotals>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var totals = GetTotals(agents, tree.Agent[i]);
            totals.Spans++;
            totals.SelfTicks = SaturatingMath.Add(totals.SelfTicks, selfTime[i]);
            totals.Errors += isError[i] ? 1 : 0;
            if (counted[i])
            {
                totals.InputTokens = SaturatingMath.Add(totals.InputTokens, input[i] ?? 0);
                totals.OutputTokens = SaturatingMath.Add(totals.OutputTokens, output[i] ?? 0);
                if (options.Prices is { } prices)
                {
                    totals.Costs ??= new CostAccumulator();
                    totals.Costs.Add(tree.Spans[i], input[i] ?? 0, output[i] ?? 0, prices);
                }
            }
        }

        var path = new CriticalPathSection[sections.Count];
        for (var k = 0; k < sections.Count; k++)
        {
            var section = sections[k];
            string? agent = null;
            string? spanId = null;
            string? operation = null;
            if (section.Span >= 0)
            {
                agent = tree.Agent[section.Span];
                spanId = tree.Spans[section.Span].SpanId.ToHexString();
                operation = tree.Operation[section.Span];
                var totals = GetTotals(agents, agent);
                totals.CriticalTicks = SaturatingMath.Add(totals.CriticalTicks, section.End - section.Start);
            }

            path[k] = new CriticalPathSection
            {
                SpanId = spanId,
                Agent = agent,
                Operation = operation,
                StartMs = Ms(section.Start - traceStart),
                EndMs = Ms(section.End - traceStart),
            };
        }

        var participation = new List<AgentParticipation>(agents.Count);
        long totalInput = 0, totalOutput = 0;
        var traceCosts = options.Prices is null ? null : new CostAccumulator();
        foreach (var (agent, totals) in agents)
        {
            totalInput = SaturatingMath.Add(totalInput, totals.InputTokens);
            totalOutput = SaturatingMath.Add(totalOutput, totals.OutputTokens);
            var agentCosts = traceCosts is null ? null : totals.Costs ?? new CostAccumulator();
            if (agentCosts is not null)
            {
                traceCosts!.Add(agentCosts);
            }

            participation.Add(new AgentParticipation
            {
                Agent = agent,
                SpanCount = totals.Spans,
                SelfTimeMs = Ms(totals.SelfTicks),
                CriticalPathMs = Ms(totals.CriticalTicks),
                CriticalPathShare = duration > 0 ? (double)totals.CriticalTicks / duration : 0,
                InputTokens = totals.InputTokens,
                OutputTokens = totals.OutputTokens,
                Costs = agentCosts?.ToList(),
                UnpricedTokens = agentCosts?.UnpricedTokens,
                Errors = totals.Errors,
            });
        }

        var analyzed = new AnalyzedSpan[n];
        for (var k = 0; k < n; k++)
        {
            var i = tree.PreOrder[k];
            var span = tree.Spans[i];
            analyzed[k] = new AnalyzedSpan
            {
                SpanId = span.SpanId.ToHexString(),
                ParentSpanId = span.ParentSpanId == default ? null : span.ParentSpanId.ToHexString(),
                Name = span.Name ?? string.Empty,
                Agent = tree.Agent[i],
                Operation = tree.Operation[i],
                StartMs = Ms(tree.Start[i] - traceStart),
                EndMs = Ms(tree.End[i] - traceStart),
                SelfTimeMs = Ms(selfTime[i]),
                Depth = tree.Depth[i],
                IsRoot = tree.Parent[i] < 0 && !tree.IsOrphan[i],
                IsOrphan = tree.IsOrphan[i],
                IsUnfinished = tree.IsUnfinished[i],
                IsError = isError[i],
                InputTokens = input[i],
                OutputTokens = output[i],
                TokensCounted = counted[i],
            };
        }

        var roots = new string[tree.TopLevel.Length];
        for (var t = 0; t < roots.Length; t++)
        {
            roots[t] = tree.Spans[tree.TopLevel[t]].SpanId.ToHexString();
        }

        var isComplete = tree.TopLevel.Length == 1
            && problems.Count(TraceProblemKind.OrphanSpan) == 0
            && problems.Count(TraceProblemKind.UnfinishedSpan) == 0
            && problems.Count(TraceProblemKind.ParentCycle) == 0;

        return new TraceAnalysis
        {
            TraceId = tree.TraceId.ToHexString(),
            StartTime = new DateTimeOffset(traceStart, TimeSpan.Zero),
            DurationMs = Ms(duration),
            SpanCount = n,
            IsComplete = isComplete,
            RootSpanIds = roots,
            Spans = analyzed,
            Agents = participation,
            CriticalPath = path,
            Graph = BuildGraph(tree, isError),
            InputTokens = totalInput,
            OutputTokens = totalOutput,
            Costs = traceCosts?.ToList(),
            UnpricedTokens = traceCosts?.UnpricedTokens,
            Problems = problems.ToList(maxSpans),
        };
    }

    private static double Ms(long ticks) => ticks / TicksPerMillisecond;

    /// <summary>The root's interval, or the hull of the top-level spans when there is not exactly one root.</summary>
    internal static (long Start, long End) Window(TraceTree tree)
    {
        var start = long.MaxValue;
        var end = long.MinValue;
        foreach (var i in tree.TopLevel)
        {
            start = Math.Min(start, tree.Start[i]);
            end = Math.Max(end, tree.End[i]);
        }

        return (start, end);
    }

    private static AgentTotals GetTotals(SortedDictionary<string, AgentTotals> agents, string agent)
    {
        if (!agents.TryGetValue(agent, out var totals))
        {
            totals = new AgentTotals();
            agents.Add(agent, totals);
        }

        return totals;
    }

    /// <summary>Jaeger's self time: duration minus the union of the children's intervals clipped to the span.</summary>
    private static long[] SelfTimes(TraceTree tree)
    {
        var self = new long[tree.Count];
        for (var i = 0; i < tree.Count; i++)
        {
            var s = tree.Start[i];
            var e = tree.End[i];
            long covered = 0;
            var coveredUntil = s;

            // Children are sorted by start, so one sweep merges their intervals.
            for (var c = tree.ChildOffsets[i]; c < tree.ChildOffsets[i + 1]; c++)
            {
                var child = tree.Children[c];
                var cs = Math.Max(tree.Start[child], coveredUntil);
                var ce = Math.Min(tree.End[child], e);
                if (ce > cs)
                {
                    covered += ce - cs;
                    coveredUntil = ce;
                }
            }

            self[i] = Math.Max(0, e - s - covered);
        }

        return self;
    }

    /// <summary>
    /// Reads token usage and decides which spans count, so every token is counted once: inference spans always; an
    /// <c>invoke_agent</c> span only when no span of the same agent below it (without crossing into another agent) counts.
    /// Microsoft Agent Framework puts the sum of its model calls on the agent span too, which would otherwise count twice.
    /// </summary>
    private static (long?[] Input, long?[] Output, bool[] Counted) CountTokens(TraceTree tree)
    {
        var n = tree.Count;
        var input = new long?[n];
        var output = new long?[n];
        var counted = new bool[n];
        var sameAgentBelowCounts = new bool[n];
        for (var i = 0; i < n; i++)
        {
            input[i] = ReadTokens(tree, i, GenAIAttributes.UsageInputTokens);
            output[i] = ReadTokens(tree, i, GenAIAttributes.UsageOutputTokens);
        }

        // Children before parents: reverse depth-first order.
        for (var k = n - 1; k >= 0; k--)
        {
            var i = tree.PreOrder[k];
            var hasUsage = input[i] is not null || output[i] is not null;
            var operation = tree.Operation[i];
            if (hasUsage)
            {
                counted[i] = SpanAttributes.IsInference(operation)
                    || (ReferenceEquals(operation, GenAIOperations.InvokeAgent) && !sameAgentBelowCounts[i]);
            }

            var parent = tree.Parent[i];
            if (parent >= 0 && (counted[i] || sameAgentBelowCounts[i]) && string.Equals(tree.Agent[parent], tree.Agent[i], StringComparison.Ordinal))
            {
                sameAgentBelowCounts[parent] = true;
            }
        }

        return (input, output, counted);
    }

    private static long? ReadTokens(TraceTree tree, int i, string key)
    {
        var span = tree.Spans[i];
        var value = SpanAttributes.ReadTokenCount(span, key, out var invalid);
        if (invalid)
        {
            tree.Problems.Add(TraceProblemKind.InvalidTokenCount, span.SpanId, key);
        }

        return value;
    }

    private static AgentInteractionGraph BuildGraph(TraceTree tree, bool[] isError)
    {
        var edges = new SortedDictionary<(string Caller, string Callee), (int Calls, int Errors)>(EdgeOrder.Instance);
        for (var i = 0; i < tree.Count; i++)
        {
            var parent = tree.Parent[i];
            string caller;
            if (parent >= 0)
            {
                caller = tree.Agent[parent];
                if (string.Equals(caller, tree.Agent[i], StringComparison.Ordinal))
                {
                    continue;
                }
            }
            else if (tree.IsOrphan[i])
            {
                // The caller is unknown: its span is missing from the trace.
                continue;
            }
            else
            {
                caller = AgentInteractionGraph.UserNode;
            }

            var key = (caller, tree.Agent[i]);
            edges.TryGetValue(key, out var counts);
            edges[key] = (counts.Calls + 1, counts.Errors + (isError[i] ? 1 : 0));
        }

        var list = new List<AgentEdge>(edges.Count);
        foreach (var ((caller, callee), (calls, errors)) in edges)
        {
            list.Add(new AgentEdge { Caller = caller, Callee = callee, Calls = calls, Errors = errors });
        }

        return new AgentInteractionGraph { Edges = list };
    }

    private sealed class AgentTotals
    {
        public int Spans;
        public long SelfTicks;
        public long CriticalTicks;
        public long InputTokens;
        public long OutputTokens;
        public CostAccumulator? Costs;
        public int Errors;
    }

    private sealed class EdgeOrder : IComparer<(string Caller, string Callee)>
    {
        public static readonly EdgeOrder Instance = new();

        public int Compare((string Caller, string Callee) x, (string Caller, string Callee) y)
        {
            var c = string.CompareOrdinal(x.Caller, y.Caller);
            return c != 0 ? c : string.CompareOrdinal(x.Callee, y.Callee);
        }
    }
}
