using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.AspNetCore.Api;

namespace MultiAgent.Observability.AspNetCore.Dashboard;

/// <summary>The alerts list: firing and pending first, then the most recently resolved.</summary>
internal static class AlertsSection
{
    public static void Write(HtmlWriter html, IAlertEngine? engine, MonitoringEndpointsOptions options, DateTimeOffset now)
    {
        html.Raw("<section id=\"alerts\" data-section=\"alerts\"><h2>Alerts</h2>");
        if (engine is null)
        {
            html.Raw("<p class=\"empty\" data-empty=\"alerts\">Alerting is not added to this host.</p></section>");
            return;
        }

        var alerts = AlertList.From(engine.GetAlerts(), options.MaxResolvedAlerts, now);
        if (alerts.Firing.Count + alerts.Pending.Count + alerts.Resolved.Count == 0)
        {
            html.Raw("<p class=\"empty\" data-empty=\"alerts\">No alert is firing and none resolved recently.</p></section>");
            return;
        }

        html.Raw("<ul class=\"alerts\">");
        WriteAll(html, alerts.Firing);
        WriteAll(html, alerts.Pending);
        WriteAll(html, alerts.Resolved);
        html.Raw("</ul></section>");
    }

    private static void WriteAll(HtmlWriter html, IReadOnlyList<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            var state = alert.State.ToString().ToLowerInvariant();
            var severity = alert.Severity.ToString().ToLowerInvariant();
            html.Raw("<li").Attribute("class", "alert alert-" + state).Attribute("data-alert-name", alert.Name).Attribute("data-alert-state", state)
                .Attribute("data-severity", severity).Attribute("data-agent-id", alert.AgentId).Raw("><span class=\"badge\">").Text(state).Raw("</span> <strong>")
                .Text(alert.Name).Raw("</strong> <span class=\"severity\">").Text(severity).Raw("</span>");
            if (alert.AgentId is { } agent)
            {
                html.Raw(" <span class=\"agent\">").Text(agent).Raw("</span>");
            }

            if (alert.Annotations.TryGetValue("summary", out var summary))
            {
                html.Raw(" — ").Text(summary);
            }

            var when = alert.State switch
            {
                AlertState.Resolved => alert.ResolvedAt,
                AlertState.Firing => alert.FiredAt,
                _ => alert.ActiveAt,
            };
            if (when is { } at)
            {
                html.Raw(" <time").Attribute("datetime", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Raw(">")
                    .Text(at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Raw("</time>");
            }

            html.Raw("</li>");
        }
    }
}
