using System.Diagnostics;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.AspNetCore.Api;

/// <summary>Summarizes the store's most recent traces, for the trace list and the dashboard's choice of the slowest.</summary>
internal static class RecentTraces
{
    /// <summary>Gets up to <paramref name="max"/> of the most recent traces, newest first.</summary>
    public static List<(StoredTrace Trace, TraceSummary Summary)> Read(ITraceStore store, int max)
    {
        var ids = store.GetTraceIds();
        var result = new List<(StoredTrace, TraceSummary)>(Math.Min(max, ids.Count));
        for (var i = ids.Count - 1; i >= 0 && result.Count < max; i--)
        {
            // A trace evicted between listing and reading is simply not shown.
            if (store.TryGetTrace(ids[i], out var trace) && trace.Spans.Count > 0)
            {
                result.Add((trace, Summarize(trace)));
            }
        }

        return result;
    }

    private static TraceSummary Summarize(StoredTrace trace)
    {
        var spans = trace.Spans;
        var start = DateTimeOffset.MaxValue;
        var end = DateTimeOffset.MinValue;
        SpanData? root = null;
        var errors = 0;
        var agents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var span in spans)
        {
            if (span.StartTime < start)
            {
                start = span.StartTime;
            }

            var spanEnd = span.EndTime ?? span.StartTime;
            if (spanEnd > end)
            {
                end = spanEnd;
            }

            if (span.ParentSpanId == default && (root is null || span.StartTime < root.StartTime))
            {
                root = span;
            }

            if (span.Status == ActivityStatusCode.Error)
            {
                errors++;
            }

            if (AgentOf(span) is { } agent)
            {
                agents.Add(agent);
            }
        }

        return new TraceSummary
        {
            TraceId = trace.TraceId.ToHexString(),
            RootName = (root ?? spans[0]).Name,
            StartTime = start,
            DurationMs = (end - start).TotalMilliseconds,
            SpanCount = spans.Count,
            ErrorCount = errors,
            IsTruncated = trace.IsTruncated,
            Agents = [.. agents],
        };
    }

    private static string? AgentOf(SpanData span)
    {
        foreach (var attribute in span.Attributes)
        {
            if (attribute.Key == GenAIAttributes.AgentName && attribute.Value is string { Length: > 0 } name)
            {
                return name;
            }
        }

        return null;
    }
}
