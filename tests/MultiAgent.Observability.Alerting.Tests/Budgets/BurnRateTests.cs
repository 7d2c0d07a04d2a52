using MultiAgent.Observability.Alerting.Budgets;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Tests.Budgets;

/// <summary>
/// Cost budgets as multi-window burn-rate alerts, evaluated minute by minute over a cost counter with exact sample times.
/// The expected minutes follow from Prometheus' <c>extrapolatedRate</c>: with 0.5 per minute from minute 0, the increase
/// over a window holding minutes 0..k is 0.5 k + 0.25 (half an interval extrapolated at the start, the zero clamp at one).
/// </summary>
public sealed class BurnRateTests
{
    private const string Metric = "multiagent_gen_ai_cost";

    private static string Budget(string agents, string period, double amount) => $$"""
        budgets:
          - name: planner
            agents: [{{agents}}]
            period: {{period}}
            amount: {{amount}}
            currency: USD
        """;

    /// <summary>Runs minutes 0..<paramref name="minutes"/>, recording each minute's counter value first; returns the first firing minute per alert.</summary>
    private static Dictionary<string, double> Run(EngineHarness h, int minutes, Func<int, double> value, string agent = "planner")
    {
        var series = h.Source.Add(agent, Metric, MetricKind.Counter, ("currency", "USD"), ("gen_ai_request_model", "m"));
        var first = new Dictionary<string, double>();
        for (var m = 0; m <= minutes; m++)
        {
            h.Source.Record(series, EngineHarness.M(m), value(m));
            h.EvaluateAll(EngineHarness.M(m));
            foreach (var alert in h.Engine.GetAlerts().Where(a => a.State == AlertState.Firing))
            {
                first.TryAdd(alert.Name, m);
            }
        }

        return first;
    }

    [Theory]
    [InlineData(30, 14.4, 6)]
    [InlineData(7, 3.36, 1.4)]
    [InlineData(1, 1, 1)]
    public void BurnFactor_SharesOfTheBudgetInTheLongWindow(int days, double fast, double slow)
    {
        Assert.Equal(fast, BudgetRules.BurnFactor(TimeSpan.FromDays(days), TimeSpan.FromHours(1), 0.02));
        Assert.Equal(slow, BudgetRules.BurnFactor(TimeSpan.FromDays(days), TimeSpan.FromHours(6), 0.05));
    }

    [Fact]
    public void SteadyOverspend_FastPairPagesBeforeSlowPair()
    {
        // 720 USD in 30 days is 1 USD/h; 30 USD/h passes 14.4x (fast) when 0.5k + 0.25 > 14.4 and 6x (slow) when > 36.
        var h = new EngineHarness(Budget("planner", "30d", 720));

        var first = Run(h, 100, m => 0.5 * (m + 1));

        Assert.Equal(29, first["CostBudgetFastBurn"]);
        Assert.Equal(72, first["CostBudgetSlowBurn"]);
        Assert.False(first.ContainsKey("CostBudgetExhausted"));
        var fast = h.Engine.GetAlerts().Single(a => a.Name == "CostBudgetFastBurn");
        Assert.Equal(Severity.Critical, fast.Severity);
        Assert.Equal("planner", fast.Labels["budget"]);
        Assert.Equal("planner", fast.AgentId);
        Assert.Equal("USD", fast.Labels["currency"]);
        Assert.Equal("warning", h.Engine.GetAlerts().Single(a => a.Name == "CostBudgetSlowBurn").Labels["severity"]);
    }

    [Fact]
    public void Exhausted_AtTheExpectedEvaluation_NotBefore()
    {
        // 360 USD a day at 0.5 USD/min: the increase over the day reaches 360 when 0.5k + 0.25 >= 360, at minute 720.
        var h = new EngineHarness(Budget("planner", "1d", 360));

        var first = Run(h, 725, m => 0.5 * (m + 1));

        Assert.Equal(720, first["CostBudgetExhausted"]);
        var sent = h.Sent.First(a => a.Name == "CostBudgetExhausted" && a.State == AlertState.Firing);
        Assert.Equal("agent planner spent 360.3 USD in 1d, its budget is 360 USD", sent.Annotations["summary"]);

        // A one-day period clamps both factors to 1: the fast pair needs 0.5k + 0.25 > 15 (1 h at 15 USD/h).
        Assert.Equal(30, first["CostBudgetFastBurn"]);
        Assert.Equal(180, first["CostBudgetSlowBurn"]);
    }

    [Fact]
    public void ShortSpike_OnlyTheShortWindowExceeds_NeverPages()
    {
        // 10 USD within two minutes: the 5 m rate is far above 14.4 USD/h, the 1 h increase (10) stays below 14.4.
        var h = new EngineHarness(Budget("planner", "30d", 720) + """

            groups:
              - name: short-only
                rules:
                  - alert: ShortWindowOnly
                    expr: sum by (currency) (rate(multiagent_gen_ai_cost_total[5m])) > 14.4 * 720 / 2592000
            """);

        var first = Run(h, 120, m => m < 10 ? 0 : m < 12 ? 5 * (m - 9) : 10);

        Assert.Equal(10, first["ShortWindowOnly"]);
        Assert.False(first.ContainsKey("CostBudgetFastBurn"));
        Assert.False(first.ContainsKey("CostBudgetSlowBurn"));
    }

    [Fact]
    public void SpikeThatStopped_ResolvesWhileTheLongWindowStillExceeds()
    {
        // 20 USD over minutes 10..14, then nothing: both windows exceed during the spike (it pages), the 5 m window drops
        // back within minutes of the end, while the 1 h window alone stays above the factor for the rest of the hour.
        var h = new EngineHarness(Budget("planner", "30d", 720) + """

            groups:
              - name: long-only
                rules:
                  - alert: LongWindowOnly
                    expr: sum by (currency) (rate(multiagent_gen_ai_cost_total[1h])) > 14.4 * 720 / 2592000
            """);
        var series = h.Source.Add("planner", Metric, MetricKind.Counter, ("currency", "USD"));
        var fastFiring = new List<int>();
        var longFiring = new List<int>();
        for (var m = 0; m <= 90; m++)
        {
            h.Source.Record(series, EngineHarness.M(m), m < 10 ? 0 : Math.Min(20, 4 * (m - 9)));
            h.EvaluateAll(EngineHarness.M(m));
            if (h.Firing("CostBudgetFastBurn").Count > 0)
            {
                fastFiring.Add(m);
            }

            if (h.Firing("LongWindowOnly").Count > 0)
            {
                longFiring.Add(m);
            }
        }

        Assert.NotEmpty(fastFiring);
        Assert.True(fastFiring.Max() < 20, $"the fast burn alert still fired at minute {fastFiring.Max()}, after the spike ended at 14");
        Assert.Contains(40, longFiring);
        Assert.Contains(h.Sent, a => a.Name == "CostBudgetFastBurn" && a.State == AlertState.Resolved);
    }

    [Fact]
    public void TeamBudget_SumsItsAgents_OthersIgnored()
    {
        // Each of two team members spends 0.25 USD/min: only their sum (0.5 USD/min) crosses the fast factor, at minute 29.
        var h = new EngineHarness(Budget("planner, coder", "30d", 720));
        var planner = h.Source.Add("planner", Metric, MetricKind.Counter, ("currency", "USD"));
        var coder = h.Source.Add("coder", Metric, MetricKind.Counter, ("currency", "USD"));
        var outsider = h.Source.Add("critic", Metric, MetricKind.Counter, ("currency", "USD"));
        var euro = h.Source.Add("planner", Metric, MetricKind.Counter, ("currency", "EUR"));
        double? firstFast = null;
        for (var m = 0; m <= 40; m++)
        {
            h.Source.Record(planner, EngineHarness.M(m), 0.25 * (m + 1));
            h.Source.Record(coder, EngineHarness.M(m), 0.25 * (m + 1));
            h.Source.Record(outsider, EngineHarness.M(m), 100.0 * (m + 1));
            h.Source.Record(euro, EngineHarness.M(m), 100.0 * (m + 1));
            h.EvaluateAll(EngineHarness.M(m));
            firstFast ??= h.Firing("CostBudgetFastBurn").Count > 0 ? m : null;
        }

        Assert.Equal(29, firstFast);
        var alert = h.Engine.GetAlerts().Single(a => a.Name == "CostBudgetFastBurn");
        Assert.Null(alert.AgentId);
        Assert.StartsWith("team planner (2 agents) spends", alert.Annotations["summary"], StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_Invalid_EveryProblemWithFileLineAndField()
    {
        var e = Assert.Throws<RuleValidationException>(() => AlertRuleFile.Parse("""
            budgets:
              - name: planner
                agents: [planner, planner]
                period: 1h
                amount: -5
                colour: red
            """));

        Assert.Contains(e.Errors, x => x is { Field: "budgets[0].agents[1]", Line: 3 } && x.Message.Contains("listed twice", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x is { Field: "budgets[0].period", Line: 4 } && x.Message.Contains("at least 6h", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x is { Field: "budgets[0].amount", Line: 5 } && x.Message.Contains("positive", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x is { Field: "budgets[0].colour", Line: 6 } && x.Message.Contains("unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void ToRuleGroup_InvalidBudget_Throws()
    {
        var e = Assert.Throws<RuleValidationException>(() => new CostBudget { Name = "", Amount = double.NaN }.ToRuleGroup());

        Assert.Contains(e.Errors, x => x.Field == "name");
        Assert.Contains(e.Errors, x => x.Field == "amount");
    }

    [Fact]
    public void ToRuleGroup_ExpressionsAsExported()
    {
        var group = new CostBudget { Name = "fleet", Amount = 720 }.ToRuleGroup();

        Assert.Equal("cost-budget:fleet", group.Name);
        Assert.Equal(
            "sum by (currency) (rate(multiagent_gen_ai_cost_total{currency=\"USD\"}[1h])) > 14.4 * 720 / 2592000 and sum by (currency) (rate(multiagent_gen_ai_cost_total{currency=\"USD\"}[5m])) > 14.4 * 720 / 2592000",
            group.Rules[0].Expression);
        Assert.Equal("sum by (currency) (increase(multiagent_gen_ai_cost_total{currency=\"USD\"}[4w2d])) >= 720", group.Rules[2].Expression);
        var yaml = PrometheusRuleExport.ToRuleFile([group]);
        Assert.Contains("expr: sum by (currency) (rate(multiagent_gen_ai_cost_total{currency=\"USD\"}[6h])) > 6 * 720 / 2592000 and", yaml, StringComparison.Ordinal);
        Assert.Contains("budget: fleet", yaml, StringComparison.Ordinal);
    }
}
