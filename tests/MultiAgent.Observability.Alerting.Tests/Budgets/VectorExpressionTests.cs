using MultiAgent.Observability.Alerting.Expressions;
using MultiAgent.Observability.Alerting.Loading;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Tests.Budgets;

/// <summary>The vector part of the expression language: parsing and printing, PromQL's matching, and what is refused.</summary>
public sealed class VectorExpressionTests
{
    [Theory]
    [InlineData("sum by (agent_id) (rate(x_total[1h])) > 14.4 * 720 / 2592000 and sum by (agent_id) (rate(x_total[5m])) > 14.4 * 720 / 2592000")]
    [InlineData("sum(increase(x_total{currency=\"USD\"}[1d])) >= 360")]
    [InlineData("increase(h_count[5m]) - ignoring(le) increase(h_bucket{le=\"32\"}[5m]) > 0")]
    [InlineData("(a - b) / 2 > 1")]
    [InlineData("a > on(agent_id) b")]
    public void Parse_Print_RoundTrips(string text)
    {
        var simple = ExpressionParser.Parse(text, out var vector, out var error);

        Assert.Null(error);
        Assert.Null(simple);
        Assert.Equal(text, ExpressionParser.Print(vector!));
    }

    [Fact]
    public void Parse_Precedence_AsPromQL()
    {
        ExpressionParser.Parse("a + b * 2 > 1 and c > 0", out var vector, out _);

        var and = Assert.IsType<BinaryNode>(vector);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var compare = Assert.IsType<BinaryNode>(and.Left);
        var add = Assert.IsType<BinaryNode>(compare.Left);
        Assert.Equal(BinaryOperator.Add, add.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryNode>(add.Right).Operator);
    }

    [Fact]
    public void Parse_SingleSelectorComparedWithNumber_StaysSimple()
    {
        var simple = ExpressionParser.Parse("rate(x_total[5m]) > 2", out var vector, out _);

        Assert.NotNull(simple);
        Assert.Null(vector);
        Assert.Equal(2, simple.Threshold);
    }

    [Theory]
    [InlineData("absent(x) and y > 1", "cannot be combined")]
    [InlineData("sum(x)", "must end in a comparison")]
    [InlineData("x > bool 1", "'bool' comparisons are not supported")]
    [InlineData("x > 1 or y > 1", "'or' is not supported")]
    [InlineData("x / on(a) group_left y > 1", "group_left")]
    [InlineData("avg(x) > 1", "'avg' is not supported")]
    [InlineData("sum without (a) (x) > 1", "'without' is not supported")]
    [InlineData("1 > 2", "needs 'bool'")]
    [InlineData("x > 1 and 2", "'and' takes two vectors")]
    public void Parse_OutsideTheSubset_RefusedWithReason(string text, string reason)
    {
        Assert.Null(ExpressionParser.Parse(text, out var vector, out var error));
        Assert.Null(vector);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void And_MatchesOnLabels_SumDropsTheOthers()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: Both
                    expr: sum by (agent_id) (x) > 5 and sum by (agent_id) (y) > 0
            """);
        var xa1 = h.Source.Add("a", "x", MetricKind.Gauge, ("model", "m1"));
        var xa2 = h.Source.Add("a", "x", MetricKind.Gauge, ("model", "m2"));
        var xb = h.Source.Add("b", "x", MetricKind.Gauge, ("model", "m1"));
        var ya = h.Source.Add("a", "y", MetricKind.Gauge);
        var yc = h.Source.Add("c", "y", MetricKind.Gauge);
        foreach (var (series, value) in new[] { (xa1, 3.0), (xa2, 4.0), (xb, 9.0), (ya, 1.0), (yc, 1.0) })
        {
            h.Source.Record(series, EngineHarness.M(0), value);
        }

        h.Evaluate(EngineHarness.M(0));

        // a: 3 + 4 > 5 and y{a} exists; b: 9 > 5 but no y for b; c: no x.
        var alert = Assert.Single(h.Engine.GetAlerts());
        Assert.Equal("a", alert.AgentId);
        Assert.Equal(7, alert.Value);
        Assert.False(alert.Labels.ContainsKey("model"));
    }

    [Fact]
    public void Arithmetic_TwoRightHandMatches_FailsTheEvaluationAsPrometheus()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: Ratio
                    expr: x / ignoring(model) y > 0
            """);
        var x = h.Source.Add("a", "x", MetricKind.Gauge);
        var y1 = h.Source.Add("a", "y", MetricKind.Gauge, ("model", "m1"));
        var y2 = h.Source.Add("a", "y", MetricKind.Gauge, ("model", "m2"));
        foreach (var series in new[] { x, y1, y2 })
        {
            h.Source.Record(series, EngineHarness.M(0), 1);
        }

        h.Evaluate(EngineHarness.M(0));

        Assert.Empty(h.Engine.GetAlerts());
        Assert.Equal(1, h.Counters.EvaluationErrors);
        Assert.Contains(h.Logger.Collector.GetSnapshot(), r => r.Exception?.Message.Contains("many-to-many", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void RuleFile_CombinedExpressionWithResolveThreshold_Refused()
    {
        var errors = new List<RuleError>();
        RuleLoader.LoadFile("r.yaml", """
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: x > 1 and y > 1
                    resolve_threshold: 0.5
            """, TimeSpan.FromMinutes(1), errors);

        Assert.Contains(errors, e => e is { Field: "groups[0].rules[0].resolve_threshold", Line: 6 });
    }

    [Fact]
    public void LoopAlerts_LimitNotABucketBound_Refused()
    {
        var e = Assert.Throws<RuleValidationException>(() => new LoopAlertOptions { MaxToolCalls = 10 }.ToRuleGroup());

        Assert.Contains(e.Errors, x => x.Field == "MaxToolCalls" && x.Message.Contains("1, 2, 4, 8, 16, 32, 64, 128", StringComparison.Ordinal));
    }

    [Fact]
    public void LoopAlerts_OnByDefault()
    {
        var groups = RuleLoader.Load(new AlertingOptions());

        var loops = Assert.Single(groups, g => g.Name == "gen-ai-loops");
        Assert.Equal(
            "sum by (agent_id) (increase(gen_ai_invoke_agent_tool_calls_count[5m])) - sum by (agent_id) (increase(gen_ai_invoke_agent_tool_calls_bucket{le=\"32\"}[5m])) > 0",
            loops.Rules.Single(r => r.Name == "AgentToolLoop").ExpressionText);
    }
}
