using MultiAgent.Observability.Metrics;
using static MultiAgent.Observability.Alerting.Tests.EngineHarness;

namespace MultiAgent.Observability.Alerting.Tests.Evaluation;

/// <summary>Each rule kind: threshold operators and matchers, rate and increase over counters, delta and deriv over gauges, absence.</summary>
public sealed class RuleKindTests
{
    private static EngineHarness Rule(string expr, string extra = "") => new($$"""
        groups:
          - name: g
            rules:
              - alert: A
                expr: '{{expr}}'
        {{extra}}
        """);

    [Theory]
    [InlineData(">", 5, 6, true)]
    [InlineData(">", 5, 5, false)]
    [InlineData("<", 5, 4, true)]
    [InlineData(">=", 5, 5, true)]
    [InlineData("<=", 5, 6, false)]
    [InlineData("==", 5, 5, true)]
    [InlineData("!=", 5, 5, false)]
    public void Threshold_Operators(string op, double threshold, double value, bool fires)
    {
        var h = Rule($"queue_depth {op} {threshold}");
        h.Source.Record(h.Source.Add("a1", "queue_depth", MetricKind.Gauge), M(0), value);
        h.Evaluate(M(0));

        Assert.Equal(fires, h.Only() is { State: AlertState.Firing });
    }

    [Theory]
    [InlineData("queue_depth{route=\"search\"} > 1", "a1/search")]
    [InlineData("queue_depth{route!=\"search\"} > 1", "a1/plan,a2/plan")]
    [InlineData("queue_depth{route=~\"se.*\"} > 1", "a1/search")]
    [InlineData("queue_depth{route!~\"se.*\", agent_id=\"a2\"} > 1", "a2/plan")]
    [InlineData("queue_depth{route=~\"sea\"} > 1", "")]
    public void Threshold_Matchers_SelectAnchoredAndByAgent(string expr, string expected)
    {
        var h = Rule(expr);
        foreach (var (agent, route) in new[] { ("a1", "search"), ("a1", "plan"), ("a2", "plan") })
        {
            h.Source.Record(h.Source.Add(agent, "queue_depth", MetricKind.Gauge, ("route", route)), M(0), 5);
        }

        h.Evaluate(M(0));

        Assert.Equal(expected, string.Join(",", h.Engine.GetAlerts().Select(a => a.AgentId + "/" + a.Labels["route"]).Order()));
    }

    [Fact]
    public void Rate_CounterWithResetVectorA_FiresWithExtrapolatedValue()
    {
        var h = Rule("rate(tool_calls_total[1m]) > 0.6");
        var c = h.Source.Add("a1", "tool_calls", MetricKind.Counter);
        foreach (var (t, v) in new[] { (5, 100.0), (20, 110), (35, 5), (50, 20) })
        {
            h.Source.Record(c, TimeSpan.FromSeconds(t), v);
        }

        h.Evaluate(TimeSpan.FromSeconds(60));

        var alert = h.Only()!;
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(40.0 / 60, alert.Value, 9);
        Assert.False(alert.Labels.ContainsKey("__name__"));
    }

    [Fact]
    public void Increase_Counter_SelectedByExposedTotalName()
    {
        var h = Rule("increase(tool_failures_total[1m]) >= 3");
        var c = h.Source.Add("a1", "tool_failures", MetricKind.Counter);
        h.Source.Record(c, TimeSpan.FromSeconds(1), 0);
        h.Source.Record(c, TimeSpan.FromSeconds(59), 4);
        h.Evaluate(TimeSpan.FromSeconds(60));

        Assert.Equal(AlertState.Firing, h.Only()!.State);
    }

    [Fact]
    public void Rate_OnGauge_RefusedCountedNeverEvaluated()
    {
        var h = Rule("rate(queue_depth[1m]) > 0");
        var g = h.Source.Add("a1", "queue_depth", MetricKind.Gauge);
        h.Source.Record(g, TimeSpan.FromSeconds(10), 100);
        h.Source.Record(g, TimeSpan.FromSeconds(40), 1);
        h.Evaluate(TimeSpan.FromSeconds(60));
        h.Evaluate(TimeSpan.FromSeconds(120));

        Assert.Null(h.Only());
        Assert.Equal(1, h.Counters.EvaluationErrors);
        Assert.Contains(h.Logger.Collector.GetSnapshot(), r => r.Id.Id == 3003 && r.Message.Contains("counters only", StringComparison.Ordinal));
    }

    [Fact]
    public void Delta_OnCounter_Refused()
    {
        var h = Rule("delta(tool_calls_total[1m]) > 0");
        var c = h.Source.Add("a1", "tool_calls", MetricKind.Counter);
        h.Source.Record(c, TimeSpan.FromSeconds(10), 1);
        h.Source.Record(c, TimeSpan.FromSeconds(40), 5);
        h.Evaluate(TimeSpan.FromSeconds(60));

        Assert.Null(h.Only());
        Assert.Equal(1, h.Counters.EvaluationErrors);
    }

    [Fact]
    public void DeltaAndDeriv_Gauge_NegativeTrendFires()
    {
        var delta = Rule("delta(free_tokens[2m]) < -50");
        var deriv = Rule("deriv(free_tokens[2m]) < -1");
        foreach (var h in new[] { delta, deriv })
        {
            var g = h.Source.Add("a1", "free_tokens", MetricKind.Gauge);
            for (var t = 0; t <= 120; t += 30)
            {
                h.Source.Record(g, TimeSpan.FromSeconds(t), 1000 - (2 * t));
            }

            h.Evaluate(TimeSpan.FromSeconds(120));
            Assert.Equal(AlertState.Firing, h.Only()!.State);
        }

        Assert.Equal(-2, deriv.Only()!.Value, 9);
    }

    [Fact]
    public void Absent_NoSeries_FiresWithEqualityLabels_ResolvesWhenDataArrives()
    {
        var h = Rule("absent(heartbeat{agent_id=\"a1\", route=~\".*\"})");
        h.Evaluate(M(0));

        var alert = h.Only()!;
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(["agent_id", "alertname", "severity"], alert.Labels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a1", alert.AgentId);

        h.Source.Record(h.Source.Add("a1", "heartbeat", MetricKind.Gauge, ("route", "x")), M(1), 1);
        h.Evaluate(M(1));
        Assert.Equal(AlertState.Resolved, h.Only()!.State);
    }

    [Fact]
    public void AbsentOverTime_StoppedReporting_FiresAfterWindow()
    {
        var h = Rule("absent_over_time(heartbeat{agent_id=\"a1\"}[10m])");
        h.Source.Record(h.Source.Add("a1", "heartbeat", MetricKind.Gauge), M(0), 1);
        h.Evaluate(M(9));
        Assert.Null(h.Only());
        h.Evaluate(M(10));
        Assert.Equal(AlertState.Firing, h.Only()!.State);
    }

    [Fact]
    public void Evaluate_TouchesOnlySeriesOfTheRulesMetric()
    {
        var h = Rule("queue_depth > 1");
        for (var i = 0; i < 50; i++)
        {
            h.Source.Record(h.Source.Add("a" + i, "other_metric", MetricKind.Gauge), M(0), 5);
        }

        h.Source.Record(h.Source.Add("a1", "queue_depth", MetricKind.Gauge), M(0), 5);
        h.Evaluate(M(0));
        h.Evaluate(M(1));

        Assert.Equal(2, h.Source.Reads);
    }

    [Fact]
    public void Templates_ErrorBecomesTextAndIsCounted_EvaluationContinues()
    {
        var h = Rule("queue_depth > 1", """
                    annotations:
                      bad: "{{ $labels.route | humanize }}"
                      good: "{{ $value | humanize }} items on {{ $labels.agent_id }}, {{ .Labels.missing }}."
            """);
        h.Source.Record(h.Source.Add("a1", "queue_depth", MetricKind.Gauge, ("route", "search")), M(0), 12345);
        h.Evaluate(M(0));

        var alert = h.Sent.Single();
        Assert.StartsWith("<error expanding template: error calling humanize", alert.Annotations["bad"], StringComparison.Ordinal);
        Assert.Equal("12.35k items on a1, .", alert.Annotations["good"]);
        Assert.Equal(1, h.Counters.TemplateErrors);
        Assert.Contains(h.Logger.Collector.GetSnapshot(), r => r.Id.Id == 3004);
    }
}
