using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Alerting.Tests.Export;

/// <summary>Export to Prometheus rule files and PrometheusRule objects, checked by promtool and the manifest validator.</summary>
public sealed class PrometheusRuleExportTests
{
    internal static List<AlertRuleGroup> Groups() =>
    [
        new AlertRuleGroup
        {
            Name = "agents",
            Interval = TimeSpan.FromSeconds(30),
            Labels = { ["team"] = "ai" },
            Rules =
            {
                new AlertRule
                {
                    Name = "ToolFailures",
                    Expression = "increase(tool_failures_total{route=~\"search|plan\"}[5m]) > 3",
                    For = TimeSpan.FromMinutes(2),
                    KeepFiringFor = TimeSpan.FromMinutes(1),
                    Severity = Severity.Critical,
                    Labels = { ["team"] = "tools", ["code"] = "5" },
                    Annotations = { ["summary"] = "{{ $labels.agent_id }}: {{ $value | humanize }} failures" },
                },
                new AlertRule { Name = "HeartbeatMissing", Expression = "absent(heartbeat{agent_id=\"planner\"})" },
            },
        },
    ];

    [Fact]
    public void ToRuleFile_KeepsExpressionDurationsLabelsAnnotations()
    {
        var yaml = PrometheusRuleExport.ToRuleFile(Groups());

        Assert.Contains("interval: 30s", yaml, StringComparison.Ordinal);
        Assert.Contains("expr: increase(tool_failures_total{route=~\"search|plan\"}[5m]) > 3", yaml, StringComparison.Ordinal);
        Assert.Contains("for: 2m", yaml, StringComparison.Ordinal);
        Assert.Contains("keep_firing_for: 1m", yaml, StringComparison.Ordinal);
        Assert.Contains("severity: critical", yaml, StringComparison.Ordinal);
        Assert.Contains("team: tools", yaml, StringComparison.Ordinal);
        Assert.Contains("code: \"5\"", yaml, StringComparison.Ordinal);
        Assert.Contains("team: ai", yaml, StringComparison.Ordinal);

        var roundTrip = AlertRuleFile.Parse(yaml);
        Assert.Equal("increase(tool_failures_total{route=~\"search|plan\"}[5m]) > 3", roundTrip[0].Rules[0].Expression);
    }

    [Fact]
    public void ToRuleFile_PromtoolCheckRules_Passes()
    {
        var promtool = Peers.Require("promtool");
        var file = Path.Combine(Directory.CreateTempSubdirectory("mao-export-").FullName, "rules.yaml");
        File.WriteAllText(file, PrometheusRuleExport.ToRuleFile(Groups()));

        var (code, output) = Peers.Run(promtool, ["check", "rules", file]);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 2 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPrometheusRule_ManifestValidator_Passes()
    {
        var validator = Peers.RequireManifestValidator();
        var file = Path.Combine(Directory.CreateTempSubdirectory("mao-export-").FullName, "prometheusrule.yaml");
        File.WriteAllText(file, PrometheusRuleExport.ToPrometheusRule(Groups(), "agents-alerts", "agents", new Dictionary<string, string> { ["release"] = "prometheus" }));

        var (code, output) = Peers.Run("node", [validator, "--strict", file], workingDirectory: Path.GetDirectoryName(validator));

        Assert.True(code == 0, output);
        Assert.Contains("OK", output, StringComparison.Ordinal);
        Assert.Contains("PrometheusRule", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_WhatPromQlCannotExpress_RefusedWithEveryReason()
    {
        var groups = Groups();
        groups[0].Rules[0].ResolveThreshold = 1;
        groups[0].Rules.Add(new AlertRule { Name = "Quiet", Expression = "queue_depth > 1", NoData = NoDataPolicy.KeepState });

        var e = Assert.Throws<RuleExportException>(() => PrometheusRuleExport.ToRuleFile(groups));

        Assert.Equal(2, e.Reasons.Count);
        Assert.Contains(e.Reasons, r => r.StartsWith("agents/ToolFailures: a resolve threshold", StringComparison.Ordinal));
        Assert.Contains(e.Reasons, r => r.StartsWith("agents/Quiet: the missing-data policy KeepState", StringComparison.Ordinal));
    }
}
