using System.Diagnostics;
using System.Globalization;

namespace MultiAgent.Observability.Tracing.Tests;

/// <summary>Deterministic spans: fixed trace id, span ids from small integers, times in milliseconds from a fixed instant.</summary>
internal static class TestSpans
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static readonly ActivityTraceId TraceId = ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c");

    public static ActivitySpanId Id(int n) => ActivitySpanId.CreateFromString(n.ToString("x16", CultureInfo.InvariantCulture));

    public static string Hex(int n) => n.ToString("x16", CultureInfo.InvariantCulture);

    public static SpanData Span(
        int id,
        int? parent,
        double startMs,
        double? endMs,
        string? agent = null,
        string? operation = null,
        ActivityStatusCode status = ActivityStatusCode.Unset,
        ActivityKind kind = ActivityKind.Internal,
        params (string Key, object? Value)[] attributes)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        if (operation is not null)
        {
            tags.Add(new(GenAIAttributes.OperationName, operation));
        }

        if (agent is not null)
        {
            tags.Add(new(GenAIAttributes.AgentName, agent));
        }

        foreach (var (key, value) in attributes)
        {
            tags.Add(new(key, value));
        }

        return new SpanData
        {
            TraceId = TraceId,
            SpanId = Id(id),
            ParentSpanId = parent is { } p ? Id(p) : default,
            Name = (operation ?? "span") + " " + id.ToString(CultureInfo.InvariantCulture),
            SourceName = "test",
            Kind = kind,
            StartTime = T0.AddTicks((long)(startMs * TimeSpan.TicksPerMillisecond)),
            EndTime = endMs is { } e ? T0.AddTicks((long)(e * TimeSpan.TicksPerMillisecond)) : null,
            Status = status,
            Attributes = tags,
        };
    }

    /// <summary>
    /// The property every critical path must have: sections sorted, each non-empty, contiguous (no gap, no overlap), covering
    /// [0, duration] of the trace; and the agents' critical-path time plus idle sections adding up to the duration.
    /// </summary>
    public static void AssertTiles(TraceAnalysis analysis)
    {
        var path = analysis.CriticalPath;
        if (analysis.DurationMs == 0)
        {
            Assert.Empty(path);
            return;
        }

        Assert.NotEmpty(path);
        Assert.Equal(0, path[0].StartMs);
        for (var k = 0; k < path.Count; k++)
        {
            Assert.True(path[k].EndMs > path[k].StartMs, $"section {k} [{path[k].StartMs}, {path[k].EndMs}] is empty or reversed");
            if (k > 0)
            {
                Assert.True(path[k - 1].EndMs == path[k].StartMs, $"gap or overlap between section {k - 1} (ends {path[k - 1].EndMs}) and {k} (starts {path[k].StartMs})");
            }
        }

        Assert.Equal(analysis.DurationMs, path[^1].EndMs);

        var idle = path.Where(s => s.SpanId is null).Sum(s => s.EndMs - s.StartMs);
        var attributed = analysis.Agents.Sum(a => a.CriticalPathMs);
        Assert.Equal(analysis.DurationMs, attributed + idle, 6);
    }

    public static (string? SpanId, double StartMs, double EndMs)[] Sections(TraceAnalysis analysis) =>
        [.. analysis.CriticalPath.Select(s => (s.SpanId, s.StartMs, s.EndMs))];
}
