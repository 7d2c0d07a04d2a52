using System.Text.Json;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary>
/// A real Prometheus scrapes a host built with these packages and evaluates the rule file Alerting exports for the
/// host's own rules: the target is up, the series carry <c>agent_id</c>, and the alert the host's engine fires fires
/// in Prometheus too, then both resolve.
/// </summary>
public sealed class PrometheusEndToEndTests
{
    private const string Agent = "e2e-agent";
    private const string Metric = "e2e_queue_depth";
    private const string AlertName = "E2EQueueBacklog";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task RealPrometheus_ScrapesHostAndEvaluatesExportedRules_FiresAndResolvesWithTheEngine()
    {
        var rules = new[]
        {
            new AlertRuleGroup
            {
                Name = "e2e",
                Interval = TimeSpan.FromSeconds(1),
                Rules =
                {
                    new AlertRule
                    {
                        Name = AlertName,
                        Expression = Metric + " > 5",
                        For = TimeSpan.FromSeconds(1),
                        Severity = Severity.Warning,
                        Annotations = { ["summary"] = "{{ $labels.agent_id }} has {{ $value }} tasks waiting" },
                    },
                },
            },
        };
        await using var host = await MonitoredHost.StartAsync(o =>
        {
            o.EvaluationInterval = TimeSpan.FromSeconds(1);
            o.AgentHealthAlerts = false;
            foreach (var group in rules)
            {
                o.Groups.Add(group);
            }
        });
        var depth = host.Recorder.GetSeries(Agent, Metric, MetricKind.Gauge);
        host.Recorder.Record(depth, 2);

        var ruleFile = PrometheusRuleExport.ToRuleFile(rules);
        using var prometheus = PeerProcess.StartPrometheus(directory =>
        {
            File.WriteAllText(Path.Combine(directory, "rules.yaml"), ruleFile);
            var config = Path.Combine(directory, "prometheus.yml");
            File.WriteAllText(config, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files: [rules.yaml]
                scrape_configs:
                  - job_name: host
                    static_configs:
                      - targets: ['{host.BaseAddress.Authority}']
                """);
            return config;
        });

        // The host is live and ready, and the target is up.
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("healthz", TestContext.Current.CancellationToken)).StatusCode);
            await Poll.UntilAsync("the host reporting ready", async () => (await http.GetAsync("readyz", TestContext.Current.CancellationToken)).IsSuccessStatusCode, Timeout);
        }

        await Poll.UntilAsync("Prometheus reporting the host's target up", async () =>
        {
            var targets = await PrometheusApi.GetDataAsync(prometheus.Http, "api/v1/targets");
            return targets.GetProperty("activeTargets").EnumerateArray().Any(t => t.GetProperty("health").GetString() == "up");
        }, Timeout, prometheus.LogTail);

        // The series carry agent_id.
        var series = Assert.Single(await Poll.UntilAsync("the series in Prometheus", async () =>
        {
            var result = (await PrometheusApi.GetDataAsync(prometheus.Http, "api/v1/query?query=" + Metric)).GetProperty("result").EnumerateArray().ToList();
            return result.Count > 0 ? result : null;
        }, Timeout, prometheus.LogTail));
        Assert.Equal(Agent, series.GetProperty("metric").GetProperty(MonitoringLabels.AgentId).GetString());
        Assert.Equal("2", series.GetProperty("value")[1].GetString());

        // Nothing fires below the threshold; then the backlog grows and both engines fire the same alert.
        Assert.Empty(await PrometheusAlertsAsync(prometheus.Http));
        host.Recorder.Record(depth, 9);

        var ours = await Poll.UntilAsync("the host's engine firing " + AlertName, () =>
            Task.FromResult(host.Alerts.GetAlerts().FirstOrDefault(a => a.Name == AlertName && a.State == AlertState.Firing)), Timeout);
        var theirs = Assert.Single(await Poll.UntilAsync("Prometheus firing " + AlertName, async () =>
        {
            var firing = (await PrometheusAlertsAsync(prometheus.Http)).Where(a => a.GetProperty("state").GetString() == "firing").ToList();
            return firing.Count > 0 ? firing : null;
        }, Timeout, prometheus.LogTail));

        var labels = theirs.GetProperty("labels");
        foreach (var (name, value) in ours.Labels)
        {
            Assert.Equal(value, labels.GetProperty(name).GetString());
        }

        Assert.Equal(ours.Annotations["summary"], theirs.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal(Agent + " has 9 tasks waiting", ours.Annotations["summary"]);

        // The backlog clears: the engine resolves, and Prometheus stops listing the alert.
        host.Recorder.Record(depth, 0);
        await Poll.UntilAsync("the host's engine resolving " + AlertName, () =>
            Task.FromResult(host.Alerts.GetAlerts().Any(a => a.Name == AlertName && a.State == AlertState.Resolved)), Timeout);
        await Poll.UntilAsync("Prometheus resolving " + AlertName, async () => (await PrometheusAlertsAsync(prometheus.Http)).Count == 0, Timeout, prometheus.LogTail);
    }

    private static async Task<List<JsonElement>> PrometheusAlertsAsync(HttpClient http)
    {
        var alerts = (await PrometheusApi.GetDataAsync(http, "api/v1/alerts")).GetProperty("alerts");
        return alerts.EnumerateArray().Where(a => a.GetProperty("labels").GetProperty("alertname").GetString() == AlertName).ToList();
    }
}
