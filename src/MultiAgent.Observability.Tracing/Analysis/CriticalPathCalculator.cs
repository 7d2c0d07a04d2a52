using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Jaeger's critical path (jaeger-ui <c>TracePage/CriticalPath</c>): sanitise, then walk back from the end of each span
/// through its last-finishing child.
/// </summary>
/// <remarks>
/// <para>
/// Sanitising (<c>sanitizeOverFlowingChildren</c>): a child overlapping its parent's interval is clipped to it; a child
/// entirely outside it is dropped with its subtree. A CONSUMER child of a PRODUCER parent is not blocking and is pruned
/// too (Jaeger's <c>cpspan</c>).
/// </para>
/// <para>
/// The walk (<c>computeCriticalPath</c>): from a span, take its last-finishing child (LFC) that ended strictly before the
/// cursor (the span's end at first, the start of the child just returned from afterwards); the span owns
/// [LFC end, cursor], then the walk descends into the LFC. With no such child the span owns [span start, cursor] and the
/// walk returns to the parent with the cursor at this span's start. Jaeger recurses; this is the same walk with a loop.
/// </para>
/// <para>
/// Several top-level spans (several roots, or orphans) hang under a virtual root spanning all of them, so the sections
/// still tile the whole trace; the virtual root's own sections are idle time (index -1).
/// </para>
/// </remarks>
internal static class CriticalPathCalculator
{
    public readonly record struct Section(int Span, long Start, long End);

    public static List<Section> Compute(TraceTree tree, long traceStart, long traceEnd)
    {
        var n = tree.Count;
        var sections = new List<Section>();
        if (n == 0 || traceEnd <= traceStart)
        {
            return sections;
        }

        // Node n is the virtual root; it is used only when there is not exactly one top-level span.
        var virtualRoot = n;
        var start = new long[n + 1];
        var end = new long[n + 1];
        var parent = new int[n + 1];
        var included = new bool[n + 1];
        start[virtualRoot] = traceStart;
        end[virtualRoot] = traceEnd;
        parent[virtualRoot] = -1;
        included[virtualRoot] = true;
        var useVirtualRoot = tree.TopLevel.Length != 1;

        foreach (var i in tree.PreOrder)
        {
            var p = tree.Parent[i];
            var cpParent = p >= 0 ? p : useVirtualRoot ? virtualRoot : -1;
            parent[i] = cpParent;
            var s = tree.Start[i];
            var e = tree.End[i];
            if (cpParent < 0)
            {
                included[i] = true;
            }
            else if (!included[cpParent] || (p >= 0 && IsNonBlocking(tree.Spans[p].Kind, tree.Spans[i].Kind)))
            {
                included[i] = false;
            }
            else
            {
                var ps = start[cpParent];
                var pe = end[cpParent];
                var inside = s >= ps && e <= pe;
                var overlaps = s < pe && e > ps;
                included[i] = inside || overlaps;
                if (!included[i])
                {
                    tree.Problems.Add(TraceProblemKind.ChildOutsideParent, tree.Spans[i].SpanId);
                }

                s = Math.Max(s, ps);
                e = Math.Min(e, pe);
            }

            start[i] = s;
            end[i] = e;
        }

        // Children of each included node, latest (sanitised) end first.
        var counts = new int[n + 2];
        for (var i = 0; i < n; i++)
        {
            if (included[i] && parent[i] >= 0)
            {
                counts[parent[i] + 1]++;
            }
        }

        for (var i = 0; i <= n; i++)
        {
            counts[i + 1] += counts[i];
        }

        var offsets = counts;
        var children = new int[offsets[n + 1]];
        var fill = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            if (included[i] && parent[i] >= 0)
            {
                children[offsets[parent[i]] + fill[parent[i]]++] = i;
            }
        }

        var order = new EndDescending(start, end);
        for (var i = 0; i <= n; i++)
        {
            var length = offsets[i + 1] - offsets[i];
            if (length > 1)
            {
                Array.Sort(children, offsets[i], length, order);
            }
        }

        // The cursor into each node's child list only moves forward: the returning start strictly decreases for a given
        // parent, so a child skipped once (ended at or after it) stays skipped. The walk is O(spans) overall.
        var next = new int[n + 1];
        for (var i = 0; i <= n; i++)
        {
            next[i] = offsets[i];
        }

        var root = useVirtualRoot ? virtualRoot : tree.TopLevel[0];
        var current = root;
        long? returning = null;
        while (true)
        {
            var sectionEnd = returning ?? end[current];
            var lfc = -1;
            var k = next[current];
            var last = offsets[current + 1];
            if (returning is { } cursor)
            {
                while (k < last && end[children[k]] >= cursor)
                {
                    k++;
                }
            }

            next[current] = k;
            if (k < last)
            {
                lfc = children[k];
                next[current] = k + 1;
            }

            if (lfc >= 0)
            {
                Emit(sections, current, end[lfc], sectionEnd, virtualRoot);
                current = lfc;
                returning = null;
                continue;
            }

            Emit(sections, current, start[current], sectionEnd, virtualRoot);
            if (current == root)
            {
                break;
            }

            returning = start[current];
            current = parent[current];
        }

        sections.Reverse();
        return sections;
    }

    /// <summary>A CONSUMER child of a PRODUCER parent: the producer does not wait for it (Jaeger prunes it).</summary>
    private static bool IsNonBlocking(ActivityKind parentKind, ActivityKind childKind) =>
        parentKind == ActivityKind.Producer && childKind == ActivityKind.Consumer;

    private static void Emit(List<Section> sections, int span, long start, long end, int virtualRoot)
    {
        if (end <= start)
        {
            return;
        }

        var id = span == virtualRoot ? -1 : span;

        // Sections arrive backwards in time. A zero-length child splits its parent's time in two adjacent sections of the
        // same span; they are merged into one.
        if (sections.Count != 0 && sections[^1].Span == id && sections[^1].Start == end)
        {
            sections[^1] = sections[^1] with { Start = start };
            return;
        }

        sections.Add(new Section(id, start, end));
    }

    private sealed class EndDescending(long[] start, long[] end) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = end[y].CompareTo(end[x]);
            if (c != 0)
            {
                return c;
            }

            c = start[y].CompareTo(start[x]);
            return c != 0 ? c : x.CompareTo(y);
        }
    }
}
