using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Export;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Alerting.Tests.Budgets;

/// <summary>
/// Budget and loop alerts over the real pipeline on a fake clock fire exactly as Prometheus fires the exported rules:
/// our engine's firing set at every minute becomes a <c>promtool test rules</c> file over the same series, which must pass.
/// </summary>
/// <remarks>
/// The installed promtool (2.42) predates two Prometheus 3 changes our engine follows: ranges are left-open (a sample
/// exactly at the window start is out) and the zero clamp no longer stretches extrapolation. The vectors avoid both
/// honestly: cost counters start at zero and grow linearly (a boundary sample changes nothing), rates stay clear of
/// the thresholds, and the loop window (150 s) is not a multiple of the sample interval.
/// </remarks>
public sealed class BudgetPromtoolTests
{
    private const int Minutes = 100;
    private static readonly double[] Bounds = [1, 2, 4, 8, 16, 32, 64, 128];
    private static readonly DateTimeOffset Origin = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What each agent does each minute: cost spent, and the calls of its invocations.</summary>
    private static (string Agent, double Cost, double[] Tools, double[] Inference) Minute(string agent, int m) => agent switch
    {
        "planner" => (agent, m == 0 ? 0 : 0.47, m is 20 or 21 ? [3, 10] : [3], [2]),
        "coder" => (agent, m == 0 ? 0 : 0.37, [1], m == 50 ? [2, 100] : [2]),
        _ => (agent, -1, [], []),
    };

    private static readonly string[] Agents = ["planner", "coder", "critic"];

    private static List<AlertRuleGroup> Groups() =>
    [
        new CostBudget { Name = "planner", Agents = { "planner" }, Period = TimeSpan.FromDays(30), Amount = 720 }.ToRuleGroup(),
        new CostBudget { Name = "builders", Agents = { "coder", "critic" }, Period = TimeSpan.FromHours(6), Amount = 30 }.ToRuleGroup(),
        new LoopAlertOptions { MaxToolCalls = 4, MaxInferenceCalls = 8, Window = TimeSpan.FromSeconds(150) }.ToRuleGroup(),
    ];

    [Fact]
    public async Task PromtoolTestRules_BudgetAndLoopAlerts_SameFiringAsOurEngine()
    {
        var promtool = Peers.Require("promtool");
        var time = new FakeTimeProvider(Origin);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddMultiAgentMonitoring().AddAlerting(o =>
        {
            o.AgentHealthAlerts = false;
            o.LoopAlerts.Enabled = false;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var pipeline = host.Services.GetRequiredService<IMetricRecorder>();
        var reader = host.Services.GetRequiredService<IMetricReader>();
        foreach (var name in new[] { "gen_ai_invoke_agent_tool_calls", "gen_ai_invoke_agent_inference_calls" })
        {
            pipeline.Describe(new MetricDescription(name, MetricKind.Histogram) { Buckets = Bounds });
        }

        var rules = PrometheusRuleExport.ToRuleFile(Groups());
        var h = new EngineHarness(rules, host.Services.GetRequiredService<IRuleSeriesSource>(), Origin);
        var input = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var cost = Agents.ToDictionary(a => a, _ => 0.0);
        var histograms = new Dictionary<(string Agent, string Metric), List<double>>();
        var alertNames = h.Groups.SelectMany(g => g.Rules).Select(r => r.Name).Distinct().ToList();
        var expectations = new List<(int Minute, string Alert, List<Alert> Firing)>();

        for (var m = 0; m <= Minutes; m++)
        {
            if (m > 0)
            {
                time.Advance(TimeSpan.FromMinutes(1));
            }

            foreach (var agent in Agents)
            {
                var (_, spent, tools, inference) = Minute(agent, m);
                if (spent >= 0)
                {
                    pipeline.Add(agent, "multiagent_gen_ai_cost", spent, KeyValuePair.Create("currency", "USD"));
                    cost[agent] += spent;
                    Append(input, $"multiagent_gen_ai_cost_total{{agent_id=\"{agent}\",currency=\"USD\"}}", cost[agent], m);
                }

                foreach (var (metric, calls) in new[] { ("gen_ai_invoke_agent_tool_calls", tools), ("gen_ai_invoke_agent_inference_calls", inference) })
                {
                    if (!histograms.TryGetValue((agent, metric), out var observed))
                    {
                        if (calls.Length == 0)
                        {
                            continue;
                        }

                        histograms[(agent, metric)] = observed = [];
                    }

                    foreach (var call in calls)
                    {
                        pipeline.Record(agent, metric, MetricKind.Histogram, call);
                        observed.Add(call);
                    }

                    foreach (var bound in Bounds.Append(double.PositiveInfinity))
                    {
                        var le = double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString(CultureInfo.InvariantCulture);
                        Append(input, $"{metric}_bucket{{agent_id=\"{agent}\",le=\"{le}\"}}", observed.Count(v => v <= bound), m);
                    }

                    Append(input, $"{metric}_count{{agent_id=\"{agent}\"}}", observed.Count, m);
                    Append(input, $"{metric}_sum{{agent_id=\"{agent}\"}}", observed.Sum(), m);
                }
            }

            await reader.FlushAsync();
            h.EvaluateAll(TimeSpan.FromMinutes(m));
            var firing = h.Engine.GetAlerts().Where(a => a.State == AlertState.Firing).ToList();
            foreach (var alertName in alertNames)
            {
                expectations.Add((m, alertName, [.. firing.Where(a => a.Name == alertName)]));
            }
        }

        // Every alert fires at some point, so the comparison is not between empty sets.
        foreach (var alertName in alertNames)
        {
            Assert.Contains(expectations, e => e.Alert == alertName && e.Firing.Count > 0);
        }

        Assert.Equal(0, h.Counters.EvaluationErrors);
        var test = TestFile(input, expectations);
        var directory = Directory.CreateTempSubdirectory("mao-budgets-").FullName;
        File.WriteAllText(Path.Combine(directory, "rules.yaml"), rules);
        File.WriteAllText(Path.Combine(directory, "test.yaml"), test);

        var (check, checkOutput) = Peers.Run(promtool, ["check", "rules", "rules.yaml"], workingDirectory: directory);
        Assert.True(check == 0, checkOutput);
        var (code, output) = Peers.Run(promtool, ["test", "rules", "test.yaml"], workingDirectory: directory);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
        await host.StopAsync();
    }

    private static void Append(SortedDictionary<string, List<double>> input, string series, double value, int minute)
    {
        if (!input.TryGetValue(series, out var values))
        {
            input[series] = values = [];
        }

        // A series that starts late has no samples before its first minute ('_' in promtool's notation).
        while (values.Count < minute)
        {
            values.Add(double.NaN);
        }

        values.Add(value);
    }

    private static string TestFile(SortedDictionary<string, List<double>> input, List<(int Minute, string Alert, List<Alert> Firing)> expectations)
    {
        using var test = new YamlWriter();
        test.BeginMap()
            .BeginList("rule_files").Key("rules.yaml").EndList()
            .Field("evaluation_interval", "1m")
            .BeginList("tests").BeginMap()
            .Field("interval", "1m")
            .BeginList("input_series");
        foreach (var (series, values) in input)
        {
            var text = string.Join(" ", values.Select(v => double.IsNaN(v) ? "_" : v.ToString("R", CultureInfo.InvariantCulture)));
            test.BeginMap().Field("series", series).Field("values", text).EndMap();
        }

        test.EndList().BeginList("alert_rule_test");
        foreach (var (minute, alertName, firing) in expectations)
        {
            test.BeginMap().Field("eval_time", $"{minute}m").Field("alertname", alertName).BeginList("exp_alerts");
            foreach (var alert in firing)
            {
                test.BeginMap()
                    .Map("exp_labels", alert.Labels.Where(l => l.Key != "alertname"))
                    .Map("exp_annotations", alert.Annotations)
                    .EndMap();
            }

            test.EndList().EndMap();
        }

        return test.EndList().EndMap().EndList().EndMap().Finish();
    }
}
