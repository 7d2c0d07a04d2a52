using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAgent.Observability.Manifests;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary>
/// A real Prometheus runs the scrape configuration the manifest generator writes for hosts without Kubernetes (file
/// discovery), against one host that runs two agents: each series keeps its own agent's id, not the target's.
/// </summary>
public sealed class GeneratedScrapeConfigEndToEndTests
{
    private const string System = "fleet-system";
    private const string HostAgent = "fleet-host";
    private const string Metric = "e2e_hosted_tasks";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task RealPrometheus_GeneratedFileDiscoveryConfig_KeepsEachHostedAgentsId()
    {
        await using var host = await MonitoredHost.StartAsync(o => o.AgentHealthAlerts = false);
        host.Recorder.Record(host.Recorder.GetSeries("planner", Metric, MetricKind.Gauge), 1);
        host.Recorder.Record(host.Recorder.GetSeries("writer", Metric, MetricKind.Gauge), 2);

        var bundle = new ManifestGenerator().Generate(new SystemDescription
        {
            Name = System,
            Monitoring = new MonitoringDescription { ScrapeInterval = TimeSpan.FromSeconds(1) },
            Agents = [new AgentDescription { Id = HostAgent, Image = "ghcr.io/acme/fleet-host" }],
        });
        using var prometheus = PeerProcess.StartPrometheus(directory =>
        {
            foreach (var file in bundle.Files.Where(f => f.Path.StartsWith("prometheus/", StringComparison.Ordinal)))
            {
                File.WriteAllText(Path.Combine(directory, Path.GetFileName(file.Path)), PointAtHost(file, host.BaseAddress));
            }

            return Path.Combine(directory, "prometheus-file-sd.yaml");
        });

        var series = await Poll.UntilAsync("both agents' series in Prometheus", async () =>
        {
            var result = (await PrometheusApi.GetDataAsync(prometheus.Http, "api/v1/query?query=" + Metric)).GetProperty("result").EnumerateArray().ToList();
            return result.Count == 2 ? result : null;
        }, Timeout, prometheus.LogTail);

        var labels = series.Select(s => s.GetProperty("metric")).OrderBy(m => m.GetProperty(MonitoringLabels.AgentId).GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(["planner", "writer"], labels.Select(m => m.GetProperty(MonitoringLabels.AgentId).GetString()));
        Assert.All(labels, m =>
        {
            Assert.False(m.TryGetProperty(MonitoringLabels.ExportedAgentId, out _), m.ToString());
            Assert.Equal(System, m.GetProperty("job").GetString());
            Assert.Equal(host.BaseAddress.Authority, m.GetProperty("instance").GetString());
        });
    }

    /// <summary>The targets file names the agent's in-cluster address; this host is that agent here.</summary>
    private static string PointAtHost(BundleFile file, Uri host)
    {
        if (!file.Path.EndsWith(".targets.json", StringComparison.Ordinal))
        {
            return file.Content;
        }

        var groups = JsonNode.Parse(file.Content)!.AsArray();
        var group = Assert.Single(groups)!;
        Assert.Equal(HostAgent, group["labels"]![MonitoringLabels.AgentId]!.GetValue<string>());
        group["targets"] = new JsonArray(host.Authority);
        return groups.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
