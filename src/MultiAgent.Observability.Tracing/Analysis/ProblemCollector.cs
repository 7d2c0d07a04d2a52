using System.Diagnostics;
using System.Globalization;

namespace MultiAgent.Observability.Tracing;

/// <summary>Counts problems per kind and remembers the first occurrence of each.</summary>
internal sealed class ProblemCollector
{
    private static readonly int s_kinds = Enum.GetValues<TraceProblemKind>().Length;
    private readonly int[] _counts = new int[s_kinds];
    private readonly string?[] _firstSpan = new string?[s_kinds];
    private readonly string?[] _firstDetail = new string?[s_kinds];

    public int Count(TraceProblemKind kind) => _counts[(int)kind];

    public void Add(TraceProblemKind kind, ActivitySpanId spanId, string? detail = null) =>
        Add(kind, spanId == default ? null : spanId.ToHexString(), detail, 1);

    public void Add(TraceProblemKind kind, string? spanId, string? detail, int count)
    {
        var i = (int)kind;
        if (_counts[i] == 0)
        {
            _firstSpan[i] = spanId;
            _firstDetail[i] = detail;
        }

        _counts[i] += count;
    }

    public IReadOnlyList<TraceProblem> ToList(int maxSpans)
    {
        var list = new List<TraceProblem>();
        for (var i = 0; i < s_kinds; i++)
        {
            if (_counts[i] == 0)
            {
                continue;
            }

            var kind = (TraceProblemKind)i;
            list.Add(new TraceProblem
            {
                Kind = kind,
                Count = _counts[i],
                SpanId = _firstSpan[i],
                Message = Describe(kind, _counts[i], _firstSpan[i], _firstDetail[i], maxSpans),
            });
        }

        return list;
    }

    private static string Describe(TraceProblemKind kind, int count, string? spanId, string? detail, int maxSpans)
    {
        var first = spanId is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (first: span {spanId}{(detail is null ? string.Empty : ", " + detail)})");
        var text = kind switch
        {
            TraceProblemKind.EmptyTrace => "The trace has no usable spans.",
            TraceProblemKind.NullSpan => "{0} null entries in the span list were ignored.",
            TraceProblemKind.ForeignTraceId => "{0} spans of another trace were ignored.",
            TraceProblemKind.InvalidSpanId => "{0} spans with an all-zero span id were ignored.",
            TraceProblemKind.DuplicateSpanId => "{0} spans repeat an id already seen; the first span with each id was kept.",
            TraceProblemKind.TooManySpans => "{0} spans beyond the limit of " + maxSpans.ToString(CultureInfo.InvariantCulture) + " were ignored.",
            TraceProblemKind.OrphanSpan => "{0} spans name a parent that is not in the trace; they were treated as roots.",
            TraceProblemKind.UnfinishedSpan => "{0} spans have not finished; their end was taken as the latest time seen in the trace.",
            TraceProblemKind.NegativeDuration => "{0} spans end before they start; their duration was taken as zero.",
            TraceProblemKind.ParentCycle => "{0} cycles in parent links were broken at their earliest span, which became a root.",
            TraceProblemKind.NoSingleRoot => "The trace has {0} top-level spans instead of one root; its duration spans all of them.",
            TraceProblemKind.ChildOutsideParent => "{0} spans lie entirely outside their parent and were left out of the critical path.",
            TraceProblemKind.InvalidTokenCount => "{0} token count attributes are not non-negative integers and were ignored.",
            _ => "{0} occurrences.",
        };
        return string.Format(CultureInfo.InvariantCulture, text, count) + first;
    }
}
