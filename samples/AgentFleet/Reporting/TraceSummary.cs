using System.Diagnostics;
using MultiAgent.Observability.Tracing;

namespace AgentFleet.Reporting;

/// <summary>Analyses one stored trace into the critical path the live view and the JSON output show.</summary>
internal static class TraceSummary
{
    public static TraceResult? Summarize(ITraceStore store, ActivityTraceId traceId)
    {
        if (!store.TryGetTrace(traceId, out var trace) || trace is null)
        {
            return null;
        }

        var analysis = TraceAnalyzer.Analyze(trace.Spans);
        var path = new List<CriticalPathStep>(analysis.CriticalPath.Count);
        foreach (var section in analysis.CriticalPath)
        {
            path.Add(new CriticalPathStep { Agent = section.Agent, Operation = section.Operation, DurationMs = section.EndMs - section.StartMs });
        }

        return new TraceResult { TraceId = analysis.TraceId, DurationMs = analysis.DurationMs, Spans = analysis.SpanCount, CriticalPath = path };
    }
}
