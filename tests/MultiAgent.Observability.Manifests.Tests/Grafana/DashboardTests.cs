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
            Assert.Contains(panel.GetProperty("type").GetString(), new[] { "timeseries", "stat" });
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
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
            foreach (var target in targets)
            {
                var expr = target.GetProperty("expr").GetString()!;
                Assert.Contains("job=\"research-swarm\"", expr, StringComparison.Ordinal);
                Assert.Contains("agent_id=~\"$agent\"", expr, StringComparison.Ordinal);
                foreach (Match used in Variable().Matches(expr))
                {
                    Assert.Contains(used.Groups[1].Value, variables);
                }
            }
        }
    }

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
