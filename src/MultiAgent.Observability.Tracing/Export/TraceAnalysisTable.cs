using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Renders a <see cref="TraceAnalysis"/> as plain-text tables for a terminal: the trace line and tokens, each agent's
/// spans, self time, critical-path time and share, tokens and errors (and the estimated cost when the analysis was priced),
/// the critical path, the interaction graph and any problems. Numbers use the invariant culture, so the text is the same
/// on every machine.
/// </summary>
public static class TraceAnalysisTable
{
    /// <summary>Renders the analysis.</summary>
    /// <param name="analysis">The analysis of one trace.</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string Render(TraceAnalysis analysis)
    {
        var text = new StringBuilder();
        Render(analysis, text);
        return text.ToString();
    }

    /// <summary>Appends the rendered analysis to <paramref name="text"/>.</summary>
    /// <param name="analysis">The analysis of one trace.</param>
    /// <param name="text">The builder to append to.</param>
    public static void Render(TraceAnalysis analysis, StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(text);
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Trace:    {analysis.TraceId}  {analysis.SpanCount} spans  {analysis.DurationMs:F1} ms  complete={analysis.IsComplete}");
        text.AppendLine(c, $"Tokens:   {analysis.InputTokens} in / {analysis.OutputTokens} out (each counted once)");
        var priced = analysis.Costs is not null;
        if (priced)
        {
            text.AppendLine(c, $"Cost:     {Cost(analysis.Costs, analysis.UnpricedTokens)} (estimated)");
        }

        text.AppendLine();
        text.Append(c, $"{"Agent",-14}{"Spans",6}{"Self ms",10}{"Critical ms",13}{"Share",8}{"In tok",8}{"Out tok",9}{"Errors",8}");
        text.AppendLine(priced ? "  Cost" : string.Empty);
        foreach (var a in analysis.Agents)
        {
            text.Append(c, $"{a.Agent,-14}{a.SpanCount,6}{a.SelfTimeMs,10:F1}{a.CriticalPathMs,13:F1}{a.CriticalPathShare,8:P0}{a.InputTokens,8}{a.OutputTokens,9}{a.Errors,8}");
            text.AppendLine(priced ? "  " + Cost(a.Costs, a.UnpricedTokens) : string.Empty);
        }

        text.AppendLine();
        text.AppendLine("Critical path:");
        text.AppendLine(c, $"  {"Start ms",9}{"End ms",9}  {"Agent",-14}{"Operation",-14}Span");
        foreach (var s in analysis.CriticalPath)
        {
            text.AppendLine(c, $"  {s.StartMs,9:F1}{s.EndMs,9:F1}  {s.Agent,-14}{s.Operation,-14}{s.SpanId}");
        }

        text.AppendLine();
        text.AppendLine("Interactions:");
        foreach (var e in analysis.Graph.Edges)
        {
            text.AppendLine(c, $"  {e.Caller} -> {e.Callee}: {e.Calls} call(s), {e.Errors} error(s)");
        }

        if (analysis.Problems.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Problems:");
            foreach (var p in analysis.Problems)
            {
                text.AppendLine(c, $"  {p.Kind} x{p.Count}: {p.Message}");
            }
        }
    }

    // "0.000225 USD", currencies joined by ", ", "-" when nothing was priced; unpriced tokens are never shown as free.
    private static string Cost(IReadOnlyList<CostTotal>? costs, long? unpricedTokens)
    {
        var c = CultureInfo.InvariantCulture;
        var text = costs is null || costs.Count == 0
            ? "-"
            : string.Join(", ", costs.Select(cost => string.Create(c, $"{cost.Amount:0.######} {cost.Currency}")));
        return unpricedTokens > 0 ? string.Create(c, $"{text} (+{unpricedTokens} unpriced tokens)") : text;
    }
}
