using System.Text.Json;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary>
/// The host's Alertmanager notifier delivers to a real Alertmanager: an alert fired by a rule over the host's own
/// metrics is listed by <c>GET /api/v2/alerts</c> with its labels and annotations, and its resolution takes it off the list.
/// </summary>
public sealed class AlertmanagerEndToEndTests
{
    private const string Agent = "e2e-payments";
    private const string AlertName = "E2EErrorsHigh";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task RealAlertmanager_ReceivesFiringAlertFromHost_ThenItsResolution()
    {
        using var alertmanager = PeerProcess.StartAlertmanager();
        await using var host = await MonitoredHost.StartAsync(o =>
        {
            o.EvaluationInterval = TimeSpan.FromSeconds(1);
            o.AgentHealthAlerts = false;
            o.Notifications.GroupWait = TimeSpan.FromMilliseconds(200);
            o.Notifications.GroupInterval = TimeSpan.FromSeconds(1);
            o.Alertmanager.Url = new Uri($"http://127.0.0.1:{alertmanager.Port}/");
            o.Groups.Add(new AlertRuleGroup
            {
                Name = "e2e",
                Rules =
                {
                    new AlertRule
                    {
                        Name = AlertName,
                        Expression = "e2e_error_ratio > 0.2",
                        Severity = Severity.Critical,
                        Annotations = { ["summary"] = "{{ $labels.agent_id }} fails {{ $value | humanizePercentage }} of its calls" },
                    },
                },
            });
        });
        var errors = host.Recorder.GetSeries(Agent, "e2e_error_ratio", MetricKind.Gauge);
        host.Recorder.Record(errors, 0.5);

        var listed = await Poll.UntilAsync("Alertmanager listing " + AlertName, async () =>
        {
            var alerts = await ListAsync(alertmanager.Http);
            return alerts.Count > 0 ? alerts : null;
        }, Timeout, () => JsonSerializer.Serialize(host.Alerts.GetStatistics()) + " " + alertmanager.LogTail());

        var alert = Assert.Single(listed);
        var ours = Assert.Single(host.Alerts.GetAlerts(), a => a.Name == AlertName);
        Assert.Equal(AlertState.Firing, ours.State);
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(ours.Fingerprint, alert.GetProperty("fingerprint").GetString());
        var labels = alert.GetProperty("labels");
        Assert.Equal(Agent, labels.GetProperty(MonitoringLabels.AgentId).GetString());
        Assert.Equal("critical", labels.GetProperty("severity").GetString());
        Assert.Equal(Agent + " fails 50% of its calls", alert.GetProperty("annotations").GetProperty("summary").GetString());

        // The agent recovers: the engine resolves and sends the resolution, and Alertmanager no longer lists the alert.
        host.Recorder.Record(errors, 0.01);
        await Poll.UntilAsync("Alertmanager dropping the resolved " + AlertName, async () => (await ListAsync(alertmanager.Http)).Count == 0, Timeout, alertmanager.LogTail);
        Assert.Equal(AlertState.Resolved, Assert.Single(host.Alerts.GetAlerts(), a => a.Name == AlertName).State);
        var statistics = host.Alerts.GetStatistics();
        Assert.True(statistics.AlertmanagerDelivered >= 2, JsonSerializer.Serialize(statistics));
        Assert.Equal(0, statistics.AlertmanagerFailures);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/v2/alerts", TestContext.Current.CancellationToken));
        return document.RootElement.EnumerateArray()
            .Where(a => a.GetProperty("labels").GetProperty("alertname").GetString() == AlertName)
            .Select(a => a.Clone())
            .ToList();
    }
}
