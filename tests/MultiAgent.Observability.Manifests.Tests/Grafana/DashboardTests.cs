using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Tests.Grafana;

public sealed partial class DashboardTests
{
    private static readonly ManifestBundle s_bundle = new ManifestGenerator().Generate(TestSystems.Large);

    private static JsonElement Dashboard() =>
        JsonDocument.Parse(s_bundle.Files.Single(f => f.Path == "grafana/research-swarm.json").Content).RootElement;

    [Fact]
    public void Json_CurrentModel_UidSchemaVersionAndBareObject()
    {
        var dashboard = Dashboard();

        Assert.Equal("research-swarm", dashboard.GetProperty("uid").GetString());
        Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() >= 39);
        Assert.False(dashboard.TryGetProperty("dashboard", out _));
        Assert.Equal(JsonValueKind.Null, dashboard.GetProperty("id").ValueKind);
    }

    [Fact]
    public void Json_Panels_UniqueIdsGridInBoundsNoOverlapNoGraph()
    {
        var panels = Dashboard().GetProperty("panels").EnumerateArray().ToList();
        var cells = new HashSet<(int, int)>();

        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels)
        {
            Assert.Contains(panel.GetProperty("type").GetString(), new[] { "timeseries", "stat", "row" });
            var grid = panel.GetProperty("gridPos");
            int x = grid.GetProperty("x").GetInt32(), y = grid.GetProperty("y").GetInt32(), w = grid.GetProperty("w").GetInt32(), h = grid.GetProperty("h").GetInt32();
            Assert.True(x >= 0 && w >= 1 && h >= 1 && x + w <= 24, $"panel {panel.GetProperty("title")} is outside the 24-column grid");
            for (var i = x; i < x + w; i++)
            {
                for (var j = y; j < y + h; j++)
                {
                    Assert.True(cells.Add((i, j)), $"panel {panel.GetProperty("title")} overlaps another at ({i},{j})");
                }
            }
        }

        Assert.Contains(panels, p => p.GetProperty("type").GetString() == "stat");
        Assert.Contains(panels, p => p.GetProperty("type").GetString() == "timeseries");
    }

    [Fact]
    public void Json_Targets_UniqueRefIdsDatasourceVariableAndOnlyDefinedVariables()
    {
        var dashboard = Dashboard();
        var variables = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToHashSet();

        Assert.Equal(new HashSet<string?> { "datasource", "agent" }, variables);
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row"))
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
            foreach (var target in targets)
            {
                var expr = target.GetProperty("expr").GetString()!;
                if (expr.Contains("istio_requests_total", StringComparison.Ordinal))
                {
                    // Istio's series are the sidecars', not the agents' scrape job: selected by namespace and workload.
                    Assert.Contains("destination_workload_namespace=\"agents\",destination_workload=~\"agent-$agent\"", expr, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Contains("job=\"research-swarm\"", expr, StringComparison.Ordinal);
                    Assert.Contains("agent_id=~\"$agent\"", expr, StringComparison.Ordinal);
                }

                foreach (Match used in Variable().Matches(expr))
                {
                    Assert.Contains(used.Groups[1].Value, variables);
                }
            }
        }
    }

    [Fact]
    public void Json_AgentsRow_ReadsExactlyTheGenAISeries()
    {
        var panels = Dashboard().GetProperty("panels").EnumerateArray().ToList();
        var row = panels.FindIndex(p => p.GetProperty("type").GetString() == "row" && p.GetProperty("title").GetString() == "Agents");

        Assert.True(row >= 0, "no Agents row");
        var below = panels.Skip(row + 1).ToDictionary(p => p.GetProperty("title").GetString()!, Exprs);
        Assert.Equal(
            ["Tokens per second by agent and type", "Estimated cost per hour by agent", "Agent invocation latency", "Critical-path share by agent"],
            below.Keys);
        Assert.Equal(["sum by (agent_id, gen_ai_token_type) (rate(gen_ai_client_token_usage_sum{job=\"research-swarm\",agent_id=~\"$agent\"}[5m]))"], below["Tokens per second by agent and type"]);
        Assert.Equal(["sum by (agent_id, currency) (increase(multiagent_gen_ai_cost_total{job=\"research-swarm\",agent_id=~\"$agent\"}[1h]))"], below["Estimated cost per hour by agent"]);
        Assert.Equal(
            ["0.5", "0.95", "0.99"],
            below["Agent invocation latency"].Select(e => Assert.IsType<string>(QuantileOf(e))));
        Assert.All(below["Agent invocation latency"], e => Assert.Contains("sum by (agent_id, le) (rate(gen_ai_invoke_agent_duration_seconds_bucket{", e, StringComparison.Ordinal));
        var share = Assert.Single(below["Critical-path share by agent"]);
        Assert.Contains("multiagent_agent_critical_path_share_sum{", share, StringComparison.Ordinal);
        Assert.Contains("multiagent_agent_critical_path_share_count{", share, StringComparison.Ordinal);
        var agentsRowY = panels[row].GetProperty("gridPos").GetProperty("y").GetInt32();
        Assert.All(panels.Skip(row + 1), p => Assert.True(p.GetProperty("gridPos").GetProperty("y").GetInt32() > agentsRowY));
    }

    [Fact]
    public void Json_MeshOn_InterAgentPanelsCountRequestsBySourceAndDestinationWorkload()
    {
        var panels = Dashboard().GetProperty("panels").EnumerateArray().ToList();

        var requests = Assert.Single(Exprs(panels.Single(p => p.GetProperty("title").GetString() == "Inter-agent requests per second")));
        Assert.Equal("sum by (source_workload, destination_workload) (rate(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"agents\",destination_workload=~\"agent-$agent\"}[5m]))", requests);
        var errors = Assert.Single(Exprs(panels.Single(p => p.GetProperty("title").GetString() == "Inter-agent 5xx ratio")));
        Assert.Contains("response_code=~\"5..\"", errors, StringComparison.Ordinal);
        Assert.EndsWith(" / " + requests, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_MeshOff_NoInterAgentPanelsAndTheAgentsRowStillThere()
    {
        var content = new ManifestGenerator().Generate(TestSystems.Small).Files.Single(f => f.Path.StartsWith("grafana/", StringComparison.Ordinal)).Content;

        Assert.DoesNotContain("istio_requests_total", content, StringComparison.Ordinal);
        Assert.Contains("\"title\": \"Agents\"", content, StringComparison.Ordinal);
    }

    private static List<string> Exprs(JsonElement panel) =>
        [.. panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)];

    private static string? QuantileOf(string expr) =>
        expr.StartsWith("histogram_quantile(", StringComparison.Ordinal) ? expr["histogram_quantile(".Length..expr.IndexOf(',', StringComparison.Ordinal)] : null;

    [Fact]
    public void ConfigMap_SidecarLabelAndSameJson()
    {
        var document = s_bundle.MonitoringDocuments.Single(d => d.Kind == "ConfigMap");
        var configMap = KubernetesYaml.Deserialize<V1ConfigMap>(document.Yaml);

        Assert.Equal("1", configMap.Metadata.Labels["grafana_dashboard"]);
        Assert.Equal("monitoring", configMap.Metadata.NamespaceProperty);
        Assert.Equal(s_bundle.Files.Single(f => f.Path == "grafana/research-swarm.json").Content, configMap.Data["research-swarm.json"]);
        Assert.True(document.Yaml.Length < 1024 * 1024);
    }

    [Fact]
    public void Uid_LongSystemName_ShortenedTo40WithHashAndStable()
    {
        var longName = "a-very-long-system-name-that-goes-on-and-on-and-on";
        var system = TestSystems.Small with { Name = longName };

        var first = JsonDocument.Parse(new ManifestGenerator().Generate(system).Files.Single(f => f.Path.StartsWith("grafana/", StringComparison.Ordinal)).Content).RootElement.GetProperty("uid").GetString()!;
        var other = JsonDocument.Parse(new ManifestGenerator().Generate(system with { Name = longName[..^1] + "x" }).Files.Single(f => f.Path.StartsWith("grafana/", StringComparison.Ordinal)).Content).RootElement.GetProperty("uid").GetString()!;

        Assert.True(first.Length <= 40, first);
        Assert.StartsWith("a-very-long-system-name", first, StringComparison.Ordinal);
        Assert.NotEqual(first, other);
    }

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
