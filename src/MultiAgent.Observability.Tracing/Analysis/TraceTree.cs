using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The spans of one trace as a well-formed forest: duplicates and invalid spans removed, times repaired, cycles broken,
/// children sorted by start, agents resolved. Index-based arrays and iterative walks, so a huge or deep trace neither
/// allocates per node nor overflows the stack.
/// </summary>
internal sealed class TraceTree
{
    private TraceTree(SpanData[] spans, ProblemCollector problems)
    {
        Spans = spans;
        Problems = problems;
        var n = spans.Length;
        Parent = new int[n];
        Start = new long[n];
        End = new long[n];
        IsOrphan = new bool[n];
        IsUnfinished = new bool[n];
        Depth = new int[n];
        Agent = new string[n];
        Operation = new string[n];
        ChildOffsets = new int[n + 1];
        Children = new int[n];
        PreOrder = new int[n];
    }

    public SpanData[] Spans { get; }

    public ProblemCollector Problems { get; }

    public int Count => Spans.Length;

    public ActivityTraceId TraceId { get; private set; }

    /// <summary>Gets the parent index, or -1 for a top-level span (root, orphan, or where a cycle was broken).</summary>
    public int[] Parent { get; }

    /// <summary>Gets start times in UTC ticks.</summary>
    public long[] Start { get; }

    /// <summary>Gets end times in UTC ticks, repaired: never before the start; for unfinished spans the latest time seen.</summary>
    public long[] End { get; }

    public bool[] IsOrphan { get; }

    public bool[] IsUnfinished { get; }

    public int[] Depth { get; }

    public string[] Agent { get; }

    public string[] Operation { get; }

    /// <summary>Gets, for span i, the range [ChildOffsets[i], ChildOffsets[i+1]) of <see cref="Children"/>: its children sorted by start.</summary>
    public int[] ChildOffsets { get; }

    public int[] Children { get; }

    /// <summary>Gets the top-level spans sorted by start.</summary>
    public int[] TopLevel { get; private set; } = [];

    /// <summary>Gets all spans in depth-first order (parents before children, siblings by start).</summary>
    public int[] PreOrder { get; }

    public static TraceTree Build(IReadOnlyList<SpanData> input, int maxSpans)
    {
        var problems = new ProblemCollector();
        var kept = new List<SpanData>(Math.Min(input.Count, maxSpans));
        var index = new Dictionary<ActivitySpanId, int>(Math.Min(input.Count, maxSpans));
        ActivityTraceId traceId = default;
        var haveTraceId = false;
        for (var i = 0; i < input.Count; i++)
        {
            var span = input[i];
            if (span is null)
            {
                problems.Add(TraceProblemKind.NullSpan, null, "index " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
                continue;
            }

            if (!haveTraceId)
            {
                traceId = span.TraceId;
                haveTraceId = true;
            }
            else if (span.TraceId != traceId)
            {
                problems.Add(TraceProblemKind.ForeignTraceId, span.SpanId, "trace " + span.TraceId.ToHexString());
                continue;
            }

            if (span.SpanId == default)
            {
                problems.Add(TraceProblemKind.InvalidSpanId, null, span.Name, 1);
                continue;
            }

            if (index.ContainsKey(span.SpanId))
            {
                problems.Add(TraceProblemKind.DuplicateSpanId, span.SpanId);
                continue;
            }

            if (kept.Count >= maxSpans)
            {
                problems.Add(TraceProblemKind.TooManySpans, span.SpanId);
                continue;
            }

            index.Add(span.SpanId, kept.Count);
            kept.Add(span);
        }

        var tree = new TraceTree([.. kept], problems) { TraceId = traceId };
        tree.ResolveTimes();
        tree.LinkParents(index);
        tree.BreakCycles();
        tree.SortChildren();
        tree.WalkAndResolveAgents();
        return tree;
    }

    private void ResolveTimes()
    {
        // The latest instant seen anywhere stands in for "now" as the end of unfinished spans: the analysis describes the
        // trace as of its last recorded event and needs no clock.
        var latest = long.MinValue;
        for (var i = 0; i < Spans.Length; i++)
        {
            var span = Spans[i];
            latest = Math.Max(latest, span.StartTime.UtcTicks);
            if (span.EndTime is { } end)
            {
                latest = Math.Max(latest, end.UtcTicks);
            }
        }

        for (var i = 0; i < Spans.Length; i++)
        {
            var span = Spans[i];
            var start = span.StartTime.UtcTicks;
            Start[i] = start;
            if (span.EndTime is not { } end)
            {
                IsUnfinished[i] = true;
                End[i] = latest;
                Problems.Add(TraceProblemKind.UnfinishedSpan, span.SpanId);
            }
            else if (end.UtcTicks < start)
            {
                End[i] = start;
                Problems.Add(TraceProblemKind.NegativeDuration, span.SpanId);
            }
            else
            {
                End[i] = end.UtcTicks;
            }
        }
    }

    private void LinkParents(Dictionary<ActivitySpanId, int> index)
    {
        for (var i = 0; i < Spans.Length; i++)
        {
            var parentId = Spans[i].ParentSpanId;
            if (parentId == default)
            {
                Parent[i] = -1;
            }
            else if (index.TryGetValue(parentId, out var parent))
            {
                Parent[i] = parent;
            }
            else
            {
                Parent[i] = -1;
                IsOrphan[i] = true;
                Problems.Add(TraceProblemKind.OrphanSpan, Spans[i].SpanId, "parent " + parentId.ToHexString());
            }
        }
    }

    private void BreakCycles()
    {
        // Walk up from every span, colouring the path; meeting a span of the current path again closes a cycle.
        const byte Unvisited = 0, OnPath = 1, Done = 2;
        var state = new byte[Spans.Length];
        var path = new List<int>();
        for (var i = 0; i < Spans.Length; i++)
        {
            if (state[i] != Unvisited)
            {
                continue;
            }

            path.Clear();
            var current = i;
            while (current >= 0 && state[current] == Unvisited)
            {
                state[current] = OnPath;
                path.Add(current);
                current = Parent[current];
            }

            if (current >= 0 && state[current] == OnPath)
            {
                // The cycle is the part of the path from `current` on. Break it at its earliest span (then lowest index).
                var cut = current;
                for (var k = path.IndexOf(current); k < path.Count; k++)
                {
                    var candidate = path[k];
                    if (Start[candidate] < Start[cut] || (Start[candidate] == Start[cut] && candidate < cut))
                    {
                        cut = candidate;
                    }
                }

                Problems.Add(TraceProblemKind.ParentCycle, Spans[cut].SpanId, "parent " + Spans[cut].ParentSpanId.ToHexString());
                Parent[cut] = -1;
            }

            foreach (var visited in path)
            {
                state[visited] = Done;
            }
        }
    }

    private void SortChildren()
    {
        var n = Spans.Length;
        var topCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (Parent[i] < 0)
            {
                topCount++;
            }
            else
            {
                ChildOffsets[Parent[i] + 1]++;
            }
        }

        for (var i = 0; i < n; i++)
        {
            ChildOffsets[i + 1] += ChildOffsets[i];
        }

        var fill = new int[n];
        var top = new int[topCount];
        var t = 0;
        for (var i = 0; i < n; i++)
        {
            var p = Parent[i];
            if (p < 0)
            {
                top[t++] = i;
            }
            else
            {
                Children[ChildOffsets[p] + fill[p]++] = i;
            }
        }

        var comparer = new StartOrder(this);
        Array.Sort(top, comparer);
        for (var i = 0; i < n; i++)
        {
            var length = ChildOffsets[i + 1] - ChildOffsets[i];
            if (length > 1)
            {
                Array.Sort(Children, ChildOffsets[i], length, comparer);
            }
        }

        TopLevel = top;
    }

    private void WalkAndResolveAgents()
    {
        var stack = new Stack<int>();
        for (var t = TopLevel.Length - 1; t >= 0; t--)
        {
            stack.Push(TopLevel[t]);
        }

        var next = 0;
        while (stack.Count != 0)
        {
            var i = stack.Pop();
            PreOrder[next++] = i;
            var parent = Parent[i];
            Depth[i] = parent < 0 ? 0 : Depth[parent] + 1;
            var own = SpanAttributes.AgentOf(Spans[i]);
            Agent[i] = own.Length != 0 ? own : parent >= 0 ? Agent[parent] : TraceAnalysis.UnknownAgent;
            Operation[i] = SpanAttributes.OperationOf(Spans[i]);
            for (var c = ChildOffsets[i + 1] - 1; c >= ChildOffsets[i]; c--)
            {
                stack.Push(Children[c]);
            }
        }

        Debug.Assert(next == Spans.Length, "After breaking cycles every span is reachable from a top-level span.");
    }

    /// <summary>Siblings by start, then the longer first (so an enclosing span precedes what it encloses), then input order.</summary>
    private sealed class StartOrder(TraceTree tree) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = tree.Start[x].CompareTo(tree.Start[y]);
            if (c != 0)
            {
                return c;
            }

            c = tree.End[y].CompareTo(tree.End[x]);
            return c != 0 ? c : x.CompareTo(y);
        }
    }
}
