using System.Globalization;
using MultiAgent.Observability.Alerting.Export;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Alerting.Tests.Export;

/// <summary>
/// Our engine and Prometheus fire the same alerts: the rules are exported, our engine's firing set (labels and
/// annotations) at every evaluation becomes a <c>promtool test rules</c> file over the same input series, and promtool must pass it.
/// </summary>
public sealed class PromtoolEquivalenceTests
{
    private const int Minutes = 20;

    private const string Rules = """
        groups:
          - name: agents
            interval: 1m
            rules:
              - alert: QueueHigh
                expr: queue_depth{route=~"search|plan"} > 10
                for: 2m
                keep_firing_for: 1m
                annotations:
                  summary: "{{ $labels.agent_id }} has {{ $value }} queued ({{ $value | humanize }})"
              - alert: ToolErrors
                expr: rate(tool_errors_total[150s]) > 0.05
                labels: { team: ai, severity: critical }
                annotations:
                  summary: "tool errors on {{ $labels.agent_id }}"
              - alert: HeartbeatMissing
                expr: absent(heartbeat{agent_id="c"})
              - alert: TokensFalling
                expr: deriv(free_tokens[150s]) < -0.1
        """;

    // One value per minute, as promtool's expanding notation writes them.
    private static readonly (string Name, MetricKind Kind, (string, string)[] Labels, double[] Values)[] Series =
    [
        ("queue_depth", MetricKind.Gauge, [("agent_id", "a"), ("route", "search")], [5, 5, 12, 14, 15, 16, 9, 9, 9, 20, 20, 20, 20, 3, 3, 3, 30, 3, 3, 3, 3]),
        ("queue_depth", MetricKind.Gauge, [("agent_id", "b"), ("route", "plan")], [.. Enumerable.Repeat(11.0, Minutes + 1)]),
        ("queue_depth", MetricKind.Gauge, [("agent_id", "b"), ("route", "other")], [.. Enumerable.Repeat(50.0, Minutes + 1)]),
        ("tool_errors", MetricKind.Counter, [("agent_id", "a")], [0, 1, 2, 3, 10, 20, 30, 2, 4, 6, 8, 8, 8, 8, 8, 9, 20, 40, 60, 80, 80]),
        ("heartbeat", MetricKind.Gauge, [("agent_id", "a")], [.. Enumerable.Repeat(1.0, Minutes + 1)]),
        ("free_tokens", MetricKind.Gauge, [("agent_id", "a")], [100, 100, 100, 90, 80, 70, 60, 60, 60, 60, 60, 60, 50, 40, 30, 20, 20, 20, 20, 20, 20]),
    ];

    [Fact]
    public void PromtoolTestRules_OurFiringSetsAsExpectations_Pass()
    {
        var promtool = Peers.Require("promtool");
        var h = new EngineHarness(Rules);
        foreach (var (name, kind, labels, values) in Series)
        {
            var index = h.Source.Add(labels[0].Item2, name, kind, labels[1..]);
            for (var m = 0; m < values.Length; m++)
            {
                h.Source.Record(index, TimeSpan.FromMinutes(m), values[m]);
            }
        }

        var alertNames = h.Groups[0].Rules.Select(r => r.Name).ToList();
        using var test = new YamlWriter();
        test.BeginMap()
            .BeginList("rule_files").Key("rules.yaml").EndList()
            .Field("evaluation_interval", "1m")
            .BeginList("tests").BeginMap()
            .Field("interval", "1m")
            .BeginList("input_series");
        foreach (var (name, kind, labels, values) in Series)
        {
            var exposed = kind == MetricKind.Counter ? name + "_total" : name;
            var selector = exposed + "{" + string.Join(",", labels.Select(l => $"{l.Item1}=\"{l.Item2}\"")) + "}";
            test.BeginMap().Field("series", selector).Field("values", string.Join(" ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))).EndMap();
        }

        test.EndList().BeginList("alert_rule_test");
        var firingChecks = 0;
        for (var m = 0; m <= Minutes; m++)
        {
            h.Evaluate(TimeSpan.FromMinutes(m));
            var firing = h.Engine.GetAlerts().Where(a => a.State == AlertState.Firing).ToList();
            foreach (var alertName in alertNames)
            {
                test.BeginMap().Field("eval_time", $"{m}m").Field("alertname", alertName).BeginList("exp_alerts");
                foreach (var alert in firing.Where(a => a.Name == alertName))
                {
                    firingChecks++;
                    test.BeginMap()
                        .Map("exp_labels", alert.Labels.Where(l => l.Key != "alertname"))
                        .Map("exp_annotations", alert.Annotations)
                        .EndMap();
                }

                test.EndList().EndMap();
            }
        }

        test.EndList().EndMap().EndList().EndMap();
        var directory = Directory.CreateTempSubdirectory("mao-promtool-").FullName;
        File.WriteAllText(Path.Combine(directory, "rules.yaml"), PrometheusRuleExport.ToRuleFile(AlertRuleFile.Parse(Rules)));
        File.WriteAllText(Path.Combine(directory, "test.yaml"), test.Finish());

        var (code, output) = Peers.Run(promtool, ["test", "rules", "test.yaml"], workingDirectory: directory);

        Assert.True(code == 0, output + File.ReadAllText(Path.Combine(directory, "test.yaml")));
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);

        // The vectors exercise every rule kind firing, not just empty sets that would pass trivially.
        Assert.True(firingChecks > 40, $"only {firingChecks} firing alerts were compared");
        foreach (var alertName in alertNames)
        {
            Assert.Contains(h.Sent, a => a.Name == alertName && a.State == AlertState.Firing);
        }
    }
}
