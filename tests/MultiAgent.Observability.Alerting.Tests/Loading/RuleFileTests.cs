namespace MultiAgent.Observability.Alerting.Tests.Loading;

public sealed class RuleFileTests
{
    [Fact]
    public void Parse_ValidFile_GroupsRulesAndExtensions()
    {
        var groups = AlertRuleFile.Parse("""
            groups:
              - name: agents
                interval: 30s
                labels: { team: ai }
                rules:
                  - alert: ToolFailures
                    expr: increase(tool_failures_total[5m]) > 3
                    for: 2m
                    keep_firing_for: 1m
                    labels: { severity: critical }
                    annotations: { summary: "{{ $labels.agent_id }}" }
                  - alert: Latency
                    expr: latency_ms > 1000
                    resolve_threshold: 900
                    no_data: keep_state
            """);

        var group = Assert.Single(groups);
        Assert.Equal(TimeSpan.FromSeconds(30), group.Interval);
        Assert.Equal(Severity.Critical, group.Rules[0].Severity);
        Assert.Equal(TimeSpan.FromMinutes(2), group.Rules[0].For);
        Assert.Equal(900, group.Rules[1].ResolveThreshold);
        Assert.Equal(NoDataPolicy.KeepState, group.Rules[1].NoData);
    }

    [Fact]
    public void Parse_EveryProblem_ReportedAtOnceWithLineAndField()
    {
        var e = Assert.Throws<RuleValidationException>(() => AlertRuleFile.Parse("""
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: queue_depth > 1
                    for: 5 minutes
                    colour: red
                  - alert: B
                    expr: queue_depth{route=~"("} > 1
                    labels: { severity: urgent }
                  - alert: C
                    expr: queue_depth > 1
                    annotations: { summary: "{{ $labels.x " }
                  - alert: D
                    expr: histogram_quantile(0.9, x) > 1
            """, "agents.rules.yaml"));

        Assert.Equal(6, e.Errors.Count);
        Assert.Contains(e.Errors, x => x is { Line: 6, Field: "groups[0].rules[0].for" } && x.Message.Contains("not a duration", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x is { Line: 7, Field: "groups[0].rules[0].colour" } && x.Message.Contains("unknown field", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x is { Line: 9, Field: "groups[0].rules[1].expr" } && x.Message.Contains("regular expression", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x is { Line: 10, Field: "groups[0].rules[1].labels.severity" } && x.Message.Contains("urgent", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x is { Line: 13, Field: "groups[0].rules[2].annotations.summary" });
        Assert.All(e.Errors, x => Assert.Equal("agents.rules.yaml", x.Source));
        Assert.Contains("agents.rules.yaml:6: groups[0].rules[0].for:", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Errors, x => x is { Line: 15, Field: "groups[0].rules[3].expr" });
    }

    [Fact]
    public void Parse_UnsupportedFunction_RefusedWithReason()
    {
        var e = Assert.Throws<RuleValidationException>(() => AlertRuleFile.Parse("""
            groups:
              - name: g
                rules:
                  - alert: D
                    expr: histogram_quantile(0.9, x) > 1
                  - record: x:sum
                    expr: sum(x)
            """));

        Assert.Contains(e.Errors, x => x.Message.Contains("'histogram_quantile' is not supported", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Message.Contains("recording rules are not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BadYaml_LineReported()
    {
        var e = Assert.Throws<RuleValidationException>(() => AlertRuleFile.Parse("groups:\n  - name: [unclosed\n"));

        Assert.True(Assert.Single(e.Errors).Line > 0);
    }
}
