using System.Globalization;
using MultiAgent.Observability.Alerting;
using Spectre.Console;

namespace AgentFleet.Reporting;

/// <summary>Prints the end of a run for a person: the fleet health report, the alerts, the pipeline's accounting.</summary>
internal static class FinalReport
{
    public static void Write(IAnsiConsole console, FleetHealthReport health, FleetRunResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Fleet health report");
        table.AddColumns("Agent", "Status", "Score", "CPU avg", "Memory avg", "Firing", "Deductions");
        foreach (var agent in health.Agents)
        {
            table.AddRow(
                Markup.Escape(agent.AgentId),
                agent.Status?.ToString().ToLowerInvariant() ?? "-",
                Score(agent.HealthScore),
                Percent(agent.AverageCpuPercent),
                Percent(agent.AverageMemoryPercent),
                agent.FiringAlerts.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("; ", agent.Deductions.Select(static d => d.Reason))));
        }

        console.Write(table);
        foreach (var recommendation in health.Recommendations)
        {
            console.MarkupLine("  [yellow]•[/] " + Markup.Escape(recommendation));
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Alerts: [bold]{result.Alerts.Fired}[/] fired, [bold]{result.Alerts.Resolved}[/] resolved");
        foreach (var alert in result.Alerts.History)
        {
            var resolved = alert.ResolvedAt is { } at ? "resolved after " + Seconds(at - alert.FiredAt) : "still firing";
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {alert.Name} {alert.AgentId ?? string.Empty} ({alert.Severity}): {resolved}");
        }

        var p = result.Pipeline;
        console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"Pipeline: {p.Accepted:N0} samples accepted = {p.Aggregated:N0} aggregated + {p.Dropped:N0} dropped ({p.Rejected:N0} rejected, {p.Series:N0} series)");
        if (result.SlowestTrace is { } trace)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Slowest trace {trace.TraceId}: {trace.DurationMs:F0} ms over {trace.Spans} spans");
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Deployment bundle: {result.Output.BundleDirectory}");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Prometheus rules:  {result.Output.RuleFile}");
    }

    private static string Score(double score)
    {
        var color = score >= 90 ? "green" : score >= 70 ? "yellow" : "red";
        return string.Create(CultureInfo.InvariantCulture, $"[{color}]{score:F0}[/]");
    }

    private static string Percent(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:F0}%") : "-";

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:F1} s");
}
