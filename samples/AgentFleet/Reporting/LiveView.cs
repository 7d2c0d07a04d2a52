using System.Globalization;
using MultiAgent.Observability;
using MultiAgent.Observability.Alerting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentFleet.Reporting;

/// <summary>What the live view shows at one moment.</summary>
internal sealed class FleetView
{
    public required IReadOnlyList<AgentRegistration> Agents { get; init; }

    public required IReadOnlyList<Alert> ActiveAlerts { get; init; }

    public required IReadOnlyList<AlertRecord> History { get; init; }

    public required double SamplesPerSecond { get; init; }

    public required long Accepted { get; init; }

    public required long Dropped { get; init; }

    public TraceResult? SlowestTrace { get; init; }

    public required string DashboardUrl { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required TimeSpan Duration { get; init; }

    public required DateTimeOffset Now { get; init; }
}

/// <summary>Renders a <see cref="FleetView"/> with Spectre.Console: agents, throughput, alerts, the slowest trace.</summary>
internal static class LiveView
{
    private const int HistoryRows = 6;

    public static IRenderable Render(FleetView view)
    {
        var header = new Markup(string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]AgentFleet[/]  {view.Elapsed.TotalSeconds:F0}/{view.Duration.TotalSeconds:F0} s   dashboard [link]{Markup.Escape(view.DashboardUrl)}[/]   " +
            $"[bold]{view.SamplesPerSecond:N0}[/] samples/s ({view.Accepted:N0} accepted, {view.Dropped:N0} dropped)"));

        return new Rows(header, new Columns(Agents(view), new Rows(Alerts(view), Trace(view))) { Expand = true });
    }

    private static Table Agents(FleetView view)
    {
        var firing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in view.ActiveAlerts)
        {
            if (alert.State == AlertState.Firing && alert.AgentId is { } id)
            {
                firing.Add(id);
            }
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Agents");
        table.AddColumns("Agent", "Status", "Heartbeat", "Alert");
        foreach (var agent in view.Agents.OrderBy(static a => a.Info.Id))
        {
            var id = agent.Info.Id.Value;
            var status = agent.Status switch
            {
                AgentStatus.Active => "[green]active[/]",
                AgentStatus.Unhealthy => "[yellow]unhealthy[/]",
                AgentStatus.Stale => "[red]stale[/]",
                _ => "[grey]" + agent.Status.ToString().ToLowerInvariant() + "[/]",
            };
            var age = view.Now - agent.LastHeartbeat;
            table.AddRow(
                Markup.Escape(id) + (agent.Info.MetricsEndpoint is null ? string.Empty : " [grey](http)[/]"),
                status,
                string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):F1} s ago"),
                firing.Contains(id) ? "[red]firing[/]" : string.Empty);
        }

        return table;
    }

    private static Table Alerts(FleetView view)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Alerts (fired → resolved)");
        table.AddColumns("Alert", "Agent", "Fired", "Resolved");
        var history = view.History;
        for (var i = Math.Max(0, history.Count - HistoryRows); i < history.Count; i++)
        {
            var alert = history[i];
            table.AddRow(
                (alert.ResolvedAt is null ? "[red]" : "[green]") + Markup.Escape(alert.Name) + "[/]",
                Markup.Escape(alert.AgentId ?? "-"),
                Offset(view, alert.FiredAt),
                alert.ResolvedAt is { } resolved ? Offset(view, resolved) : "[red]firing[/]");
        }

        if (history.Count == 0)
        {
            table.AddRow("[grey]none yet[/]", string.Empty, string.Empty, string.Empty);
        }

        return table;
    }

    private static Panel Trace(FleetView view)
    {
        if (view.SlowestTrace is not { } trace)
        {
            return new Panel("[grey]no finished trace yet[/]").Header("Slowest trace");
        }

        var chart = new BarChart().Width(60).Label(string.Create(
            CultureInfo.InvariantCulture,
            $"critical path of {trace.TraceId[..8]}…, {trace.DurationMs:F0} ms, {trace.Spans} spans"));
        foreach (var step in trace.CriticalPath.Where(static s => s.DurationMs >= 1).Take(10))
        {
            chart.AddItem(Markup.Escape($"{step.Agent ?? "?"} {step.Operation ?? string.Empty}".Trim()), Math.Round(step.DurationMs), Color.Orange1);
        }

        return new Panel(chart).Header("Slowest trace");
    }

    private static string Offset(FleetView view, DateTimeOffset at)
    {
        var start = view.Now - view.Elapsed;
        return string.Create(CultureInfo.InvariantCulture, $"{(at - start).TotalSeconds:F1} s");
    }
}
