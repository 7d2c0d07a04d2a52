using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiAgent.Observability.Manifests.Tests.Checks;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Manifests.Tests.Grafana;

/// <summary>Every panel query of the generated dashboards is PromQL Prometheus parses: promtool checks them wrapped as recording rules.</summary>
public sealed class DashboardPromtoolTests
{
    [Theory]
    [MemberData(nameof(GeneratedBundles.Names), MemberType = typeof(GeneratedBundles))]
    public void CheckRules_EveryPanelQuery_Parses(string name)
    {
        var promtool = Peers.Require("promtool");
        var bundle = GeneratedBundles.Get(name);
        var dashboard = JsonDocument.Parse(bundle.Files.Single(f => f.Path.StartsWith("grafana/", StringComparison.Ordinal)).Content).RootElement;
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        var count = 0;
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var target in targets.EnumerateArray())
            {
                // A JSON string is a valid YAML double-quoted scalar, so the expression reaches promtool unchanged.
                var expr = JsonSerializer.Serialize(target.GetProperty("expr").GetString());
                rules.Append(CultureInfo.InvariantCulture, $"      - record: dashboard:panel_{panel.GetProperty("id").GetInt32()}_{target.GetProperty("refId").GetString()!.ToLowerInvariant()}\n        expr: {expr}\n");
                count++;
            }
        }

        var path = Path.Combine(Directory.CreateTempSubdirectory("mao-dashboard-").FullName, "dashboard.rules.yaml");
        File.WriteAllText(path, rules.ToString());

        var (exitCode, output) = Peers.Run(promtool, ["check", "rules", path]);

        Assert.True(exitCode == 0, output + "\n" + rules);
        Assert.Contains($"SUCCESS: {count} rules found", output, StringComparison.Ordinal);
        Assert.True(count >= 14, $"only {count} panel queries");
    }
}
