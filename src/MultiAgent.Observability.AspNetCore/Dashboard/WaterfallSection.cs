using MultiAgent.Observability.AspNetCore.Api;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.AspNetCore.Dashboard;

/// <summary>
/// The slowest of the recent traces as a waterfall: one bar per span (depth-first, indented by depth) placed on the
/// trace's time axis, the bars on the critical path highlighted.
/// </summary>
internal static class WaterfallSection
{
    /// <summary>At most this many spans are drawn, so a huge trace keeps the page small.</summary>
    private const int MaxSpans = 200;
    private const int Width = 1000;
    private const int LabelWidth = 300;
    private const int RowHeight = 22;
    private const int AxisHeight = 20;

    public static void Write(HtmlWriter html, ITraceStore? store, MonitoringEndpointsOptions options)
    {
        html.Raw("<section id=\"trace\" data-section=\"slowest-trace\"><h2>Slowest recent trace</h2>");
        if (store is null)
        {
            html.Raw("<p class=\"empty\" data-empty=\"trace\">Agent tracing is not added to this host.</p></section>");
            return;
        }

        StoredTrace? slowest = null;
        var slowestMs = double.MinValue;
        foreach (var (trace, summary) in RecentTraces.Read(store, options.MaxTraces))
        {
            if (summary.DurationMs > slowestMs)
            {
                slowest = trace;
                slowestMs = summary.DurationMs;
            }
        }

        if (slowest is null)
        {
            html.Raw("<p class=\"empty\" data-empty=\"trace\">No trace is held yet.</p></section>");
            return;
        }

        WriteWaterfall(html, TraceAnalyzer.Analyze(slowest.Spans));
        html.Raw("</section>");
    }

    private static void WriteWaterfall(HtmlWriter html, TraceAnalysis analysis)
    {
        var critical = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in analysis.CriticalPath)
        {
            if (section.SpanId is { } id)
            {
                critical.Add(id);
            }
        }

        html.Raw("<p class=\"trace-facts\">Trace <code>").Text(analysis.TraceId).Raw("</code> · ").Text(analysis.DurationMs, "0.##").Raw(" ms · ")
            .Text(analysis.SpanCount, "0").Raw(" spans · critical path through ");
        var agents = new List<string>();
        foreach (var agent in analysis.Agents)
        {
            if (agent.CriticalPathMs > 0)
            {
                agents.Add(agent.Agent);
            }
        }

        html.Text(agents.Count == 0 ? "no agent" : string.Join(", ", agents)).Raw("</p>");

        var drawn = Math.Min(analysis.Spans.Count, MaxSpans);
        var height = AxisHeight + (drawn * RowHeight);
        var scale = analysis.DurationMs > 0 ? (Width - LabelWidth - 10) / analysis.DurationMs : 0;
        html.Raw("<svg class=\"waterfall\" data-waterfall=\"true\"").Attribute("data-trace-id", analysis.TraceId).Attribute("data-critical-spans", critical.Count, "0")
            .Raw(" viewBox=\"0 0 1000 ").Text(height, "0").Raw("\" width=\"100%\" role=\"img\" aria-label=\"Trace waterfall\">")
            .Raw("<text class=\"axis\" x=\"300\" y=\"14\">0 ms</text><text class=\"axis\" x=\"990\" y=\"14\" text-anchor=\"end\">").Text(analysis.DurationMs, "0.##").Raw(" ms</text>");
        for (var i = 0; i < drawn; i++)
        {
            var span = analysis.Spans[i];
            var onPath = critical.Contains(span.SpanId);
            var y = AxisHeight + (i * RowHeight);
            var x = LabelWidth + (Math.Max(0, span.StartMs) * scale);
            var width = Math.Max(2, span.DurationMs * scale);
            html.Raw("<g").Attribute("class", onPath ? "span critical" : span.IsError ? "span error" : "span").Attribute("data-span-id", span.SpanId)
                .Attribute("data-agent", span.Agent).Attribute("data-critical", onPath ? "true" : "false").Raw(">")
                .Raw("<title>").Text(span.Name).Raw(" (").Text(span.Agent).Raw(") ").Text(span.DurationMs, "0.##").Raw(" ms</title>")
                .Raw("<text class=\"label\"").Attribute("x", 4 + (Math.Min(span.Depth, 12) * 12)).Attribute("y", y + 15).Raw(">").Text(Shorten(span.Name + " · " + span.Agent)).Raw("</text>")
                .Raw("<rect").Attribute("x", x).Attribute("y", y + 4).Attribute("width", width).Attribute("height", RowHeight - 8).Raw(" rx=\"2\"/></g>");
        }

        html.Raw("</svg>");
        if (drawn < analysis.Spans.Count)
        {
            html.Raw("<p class=\"note\">").Text(analysis.Spans.Count - drawn, "0").Raw(" more spans are not drawn.</p>");
        }

        html.Raw("<p class=\"legend\"><span class=\"key critical\"></span> critical path <span class=\"key\"></span> other spans <span class=\"key error\"></span> failed</p>");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");
}
