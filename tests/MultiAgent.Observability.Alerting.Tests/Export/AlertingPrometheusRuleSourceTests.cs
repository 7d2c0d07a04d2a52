using Microsoft.Extensions.DependencyInjection;

namespace MultiAgent.Observability.Alerting.Tests.Export;

/// <summary><c>AddAlerting()</c> offers its rules through the core <see cref="IPrometheusRuleSource"/>, as the export writes them.</summary>
public sealed class AlertingPrometheusRuleSourceTests
{
    [Fact]
    public void GetPrometheusRules_CodeGroupsAndRuleFile_ExportedWithoutTheHealthGroup()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mao-source-").FullName, "rules.yaml");
        File.WriteAllText(file, "groups:\n  - name: from-file\n    rules:\n      - alert: QueueHigh\n        expr: agent_queue_depth > 10\n");
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring().AddAlerting(o =>
        {
            foreach (var group in PrometheusRuleExportTests.Groups())
            {
                o.Groups.Add(group);
            }

            o.RuleFiles.Add(file);
        }).AddAlerting();
        using var provider = services.BuildServiceProvider();

        var source = Assert.Single(provider.GetServices<IPrometheusRuleSource>());
        var set = source.GetPrometheusRules();

        // The default loop alerts are registered rules like any other, so they are exported too.
        Assert.Equal(["agents", "gen-ai-loops", "from-file"], set.Groups.Select(g => g.Name));
        Assert.Equal(["AgentInferenceLoop", "AgentToolLoop"], set.Groups[1].Rules.Select(r => r.Alert));
        var failures = set.Groups[0].Rules[0];
        Assert.Equal("ToolFailures", failures.Alert);
        Assert.Equal(TimeSpan.FromMinutes(2), failures.For);
        Assert.Equal(TimeSpan.FromMinutes(1), failures.KeepFiringFor);
        Assert.Equal(TimeSpan.FromSeconds(30), set.Groups[0].Interval);
        Assert.Contains(new KeyValuePair<string, string>("severity", "critical"), failures.Labels);
        Assert.Contains(new KeyValuePair<string, string>("team", "tools"), failures.Labels);
        Assert.Equal(failures.Labels.OrderBy(l => l.Key, StringComparer.Ordinal), failures.Labels);
        Assert.Equal("QueueHigh", Assert.Single(set.Groups[2].Rules).Alert);
        Assert.Empty(set.Unexported);
    }

    [Fact]
    public void GetPrometheusRules_MissingDataPolicy_ListedAsUnexportedAndLeftOut()
    {
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring().AddAlerting(o => o.Groups.Add(new AlertRuleGroup
        {
            Name = "g",
            Rules =
            {
                new AlertRule { Name = "Kept", Expression = "x > 1" },
                new AlertRule { Name = "Sticky", Expression = "y > 1", NoData = NoDataPolicy.KeepState },
            },
        }));
        using var provider = services.BuildServiceProvider();

        var set = provider.GetRequiredService<IPrometheusRuleSource>().GetPrometheusRules();

        Assert.Equal(["Kept"], set.Groups.Single(g => g.Name == "g").Rules.Select(r => r.Alert));
        var unexported = Assert.Single(set.Unexported);
        Assert.Equal("g/Sticky", unexported.Group + "/" + unexported.Rule);
        Assert.Contains("missing-data policy KeepState", unexported.Reason, StringComparison.Ordinal);
    }
}
