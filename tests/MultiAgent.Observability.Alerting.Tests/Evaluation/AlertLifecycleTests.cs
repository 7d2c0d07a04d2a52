using MultiAgent.Observability.Metrics;
using static MultiAgent.Observability.Alerting.Tests.EngineHarness;

namespace MultiAgent.Observability.Alerting.Tests.Evaluation;

/// <summary>The alert state machine of semantics.md 1.4 with its vectors.</summary>
public sealed class AlertLifecycleTests
{
    private const string ForKeepFiring = """
        groups:
          - name: g
            interval: 1m
            rules:
              - alert: QueueHigh
                expr: queue_depth > 0.5
                for: 5m
                keep_firing_for: 2m
                labels: { severity: critical }
                annotations:
                  summary: "{{ $labels.agent_id }} queue at {{ $value }}"
        """;

    [Fact]
    public void Evaluate_Vector142_PendingFiringKeptResolvedRetainedDropped()
    {
        var h = new EngineHarness(ForKeepFiring);
        var s = h.Source.Add("a1", "queue_depth", MetricKind.Gauge);
        var states = new Dictionary<int, AlertState?>();
        for (var t = 0; t <= 26; t++)
        {
            h.Source.Record(s, M(t), t <= 6 ? 1 : 0);
            h.Evaluate(M(t));
            states[t] = h.Only()?.State;
        }

        for (var t = 0; t <= 4; t++)
        {
            Assert.Equal(AlertState.Pending, states[t]);
        }

        Assert.Equal(AlertState.Firing, states[5]);
        Assert.Equal(AlertState.Firing, states[6]);
        Assert.Equal(AlertState.Firing, states[7]);
        Assert.Equal(AlertState.Firing, states[8]);
        Assert.Equal(AlertState.Resolved, states[9]);
        Assert.Equal(AlertState.Resolved, states[24]);
        Assert.Null(states[25]);

        // Pending is never sent; firing at 5 and re-sent once the 1m resend delay has passed (strictly): at 7;
        // resolved at 9 at once, then re-sent every other minute until dropped.
        Assert.Equal([5, 7, 9, 11, 13, 15, 17, 19, 21, 23], h.SentAt);
        Assert.Equal([AlertState.Firing, AlertState.Firing], h.Sent.Take(2).Select(a => a.State));
        Assert.All(h.Sent.Skip(2), a => Assert.Equal(AlertState.Resolved, a.State));
        var first = h.Sent[0];
        Assert.Equal(DateTimeOffset.UnixEpoch + M(5), first.FiredAt);
        Assert.Equal(DateTimeOffset.UnixEpoch + M(0), first.ActiveAt);
        Assert.Equal(DateTimeOffset.UnixEpoch + M(9), first.EndsAt);
        Assert.Equal(DateTimeOffset.UnixEpoch + M(9), h.Sent[2].ResolvedAt);
        Assert.Equal(DateTimeOffset.UnixEpoch + M(9), h.Sent[2].EndsAt);
        Assert.Equal("a1 queue at 1", first.Annotations["summary"]);
        Assert.Equal("critical", first.Labels["severity"]);
        Assert.Equal("QueueHigh", first.Labels["alertname"]);
    }

    [Fact]
    public void Evaluate_PendingThatClears_DeletedWithoutNotification()
    {
        var h = new EngineHarness(ForKeepFiring);
        var s = h.Source.Add("a1", "queue_depth", MetricKind.Gauge);
        h.Source.Record(s, M(0), 1);
        h.Evaluate(M(0));
        h.Source.Record(s, M(1), 0);
        h.Evaluate(M(1));

        Assert.Null(h.Only());
        Assert.Empty(h.Sent);
    }

    [Fact]
    public void Evaluate_Hysteresis_OscillationAroundFireThreshold_OneFiringNoResolution()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: LatencyHigh
                    expr: latency_ms > 1000
                    resolve_threshold: 900
            """);
        var s = h.Source.Add("a1", "latency_ms", MetricKind.Gauge);
        for (var t = 0; t < 20; t++)
        {
            h.Source.Record(s, M(t), t % 2 == 0 ? 1010 : 980);
            h.Evaluate(M(t));
        }

        Assert.DoesNotContain(h.Sent, a => a.State == AlertState.Resolved);
        Assert.Single(h.Sent.Select(a => a.ActiveAt).Distinct());
        Assert.Equal(AlertState.Firing, h.Only()!.State);

        h.Source.Record(s, M(20), 850);
        h.Evaluate(M(20));
        Assert.Equal(AlertState.Resolved, h.Only()!.State);
    }

    [Fact]
    public void Evaluate_NoHysteresis_SameOscillation_Flaps()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: LatencyHigh
                    expr: latency_ms > 1000
            """);
        var s = h.Source.Add("a1", "latency_ms", MetricKind.Gauge);
        for (var t = 0; t < 20; t++)
        {
            h.Source.Record(s, M(t), t % 2 == 0 ? 1010 : 980);
            h.Evaluate(M(t));
        }

        Assert.True(h.Sent.Count(a => a.State == AlertState.Resolved) >= 5);
    }

    [Fact]
    public void Evaluate_ResolveFor_WaitsBeforeResolving()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: LatencyHigh
                    expr: latency_ms > 1000
                    resolve_threshold: 900
                    resolve_for: 3m
            """);
        var s = h.Source.Add("a1", "latency_ms", MetricKind.Gauge);
        h.Source.Record(s, M(0), 1500);
        h.Evaluate(M(0));
        for (var t = 1; t <= 3; t++)
        {
            h.Source.Record(s, M(t), 100);
            h.Evaluate(M(t));
            Assert.Equal(AlertState.Firing, h.Only()!.State);
        }

        h.Source.Record(s, M(4), 100);
        h.Evaluate(M(4));
        Assert.Equal(AlertState.Resolved, h.Only()!.State);
    }

    [Fact]
    public void Evaluate_SeriesStops_ResolvesAtFirstEvaluationPastLookback()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: QueueHigh
                    expr: queue_depth > 10
            """);
        var s = h.Source.Add("a1", "queue_depth", MetricKind.Gauge);
        h.Source.Record(s, M(0), 50);
        for (var t = 0; t <= 4; t++)
        {
            h.Evaluate(M(t));
            Assert.Equal(AlertState.Firing, h.Only()!.State);
        }

        // The lookback is (t-5m, t], as in Prometheus 3: at 5m the sample at 0 is out, the series is gone, the alert resolves.
        h.Evaluate(M(5));
        Assert.Equal(AlertState.Resolved, h.Only()!.State);
    }

    [Theory]
    [InlineData("keep_state", AlertState.Firing)]
    [InlineData("resolve", AlertState.Resolved)]
    public void Evaluate_ScrapeGapShorterThanPolicy_KeepStateKeepsFiring(string policy, AlertState expected)
    {
        var h = new EngineHarness($$"""
            groups:
              - name: g
                rules:
                  - alert: QueueHigh
                    expr: queue_depth > 10
                    no_data: {{policy}}
                    missing_evaluations_to_resolve: 4
            """, new AlertingOptions { LookbackDelta = TimeSpan.FromSeconds(90) });
        var s = h.Source.Add("a1", "queue_depth", MetricKind.Gauge);
        h.Source.Record(s, M(0), 50);
        h.Evaluate(M(0));

        // No data at 2, 3 and 4 minutes (lookback 90 s): three evaluations without data, fewer than four.
        for (var t = 2; t <= 4; t++)
        {
            h.Evaluate(M(t));
        }

        Assert.Equal(expected, h.Only()!.State);
        Assert.Equal(expected == AlertState.Resolved, h.Sent.Any(a => a.State == AlertState.Resolved));

        h.Source.Record(s, M(5), 50);
        h.Evaluate(M(5));
        Assert.Equal(AlertState.Firing, h.Only()!.State);
    }

    [Fact]
    public void Evaluate_KeepStateGapLongerThanPolicy_Resolves()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: QueueHigh
                    expr: queue_depth > 10
                    no_data: keep_state
                    missing_evaluations_to_resolve: 2
            """, new AlertingOptions { LookbackDelta = TimeSpan.FromSeconds(90) });
        var s = h.Source.Add("a1", "queue_depth", MetricKind.Gauge);
        h.Source.Record(s, M(0), 50);
        h.Evaluate(M(0));
        h.Evaluate(M(2));
        Assert.Equal(AlertState.Firing, h.Only()!.State);
        h.Evaluate(M(3));
        Assert.Equal(AlertState.Resolved, h.Only()!.State);
    }

    [Fact]
    public void Evaluate_NoDataAlerting_MissingSeriesFires()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: QueueHigh
                    expr: queue_depth > 10
                    no_data: alerting
            """);
        var s = h.Source.Add("a1", "queue_depth", MetricKind.Gauge);
        h.Evaluate(M(0));

        var alert = h.Only()!;
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.True(double.IsNaN(alert.Value));
        h.Source.Record(s, M(1), 1);
        h.Evaluate(M(1));
        Assert.Equal(AlertState.Resolved, h.Only()!.State);
    }

    [Fact]
    public void Evaluate_LabelSetsDiffer_TwoAlerts()
    {
        // The original keyed alerts by rule:agent:metric, so these two collapsed into one.
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: TrafficHigh
                    expr: messages > 10
            """);
        var sent = h.Source.Add("a1", "messages", MetricKind.Gauge, ("direction", "sent"));
        var received = h.Source.Add("a1", "messages", MetricKind.Gauge, ("direction", "received"));
        h.Source.Record(sent, M(0), 20);
        h.Source.Record(received, M(0), 30);
        h.Evaluate(M(0));

        var alerts = h.Engine.GetAlerts();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(["received", "sent"], alerts.Select(a => a.Labels["direction"]).Order());
        Assert.NotEqual(alerts[0].Fingerprint, alerts[1].Fingerprint);
    }

    [Fact]
    public void Evaluate_RuleLabelMakesLabelSetsEqual_SecondSeriesRefusedAndCounted()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                rules:
                  - alert: TrafficHigh
                    expr: messages > 10
                    labels: { direction: any }
            """);
        var a = h.Source.Add("a1", "messages", MetricKind.Gauge, ("direction", "sent"));
        var b = h.Source.Add("a1", "messages", MetricKind.Gauge, ("direction", "received"));
        h.Source.Record(a, M(0), 20);
        h.Source.Record(b, M(0), 30);
        h.Evaluate(M(0));

        Assert.Single(h.Engine.GetAlerts());
        Assert.Equal(1, h.Counters.EvaluationErrors);
        Assert.Contains(h.Logger.Collector.GetSnapshot(), r => r.Id.Id == 3003);
    }

    [Fact]
    public void Fingerprint_MatchesPrometheusSignature()
    {
        // prometheus/common model.LabelsToSignature of {} is the FNV-1a offset basis; of a label set, FNV-1a over name 0xFF value 0xFF.
        Assert.Equal("cbf29ce484222325", Alerting.Evaluation.Fingerprint.Format(Alerting.Evaluation.Fingerprint.Of([])));
        var manual = 14695981039346656037UL;
        foreach (var b in "a"u8.ToArray().Append((byte)0xFF).Concat("b"u8.ToArray()).Append((byte)0xFF))
        {
            manual = (manual ^ b) * 1099511628211UL;
        }

        Assert.Equal(manual, Alerting.Evaluation.Fingerprint.Of([KeyValuePair.Create("a", "b")]));
    }

    [Fact]
    public void Evaluate_LimitExceeded_AlertsDroppedAndCounted()
    {
        var h = new EngineHarness("""
            groups:
              - name: g
                limit: 1
                rules:
                  - alert: TrafficHigh
                    expr: messages > 10
            """);
        h.Source.Record(h.Source.Add("a1", "messages", MetricKind.Gauge), M(0), 20);
        h.Source.Record(h.Source.Add("a2", "messages", MetricKind.Gauge), M(0), 20);
        h.Evaluate(M(0));

        Assert.Empty(h.Engine.GetAlerts());
        Assert.Empty(h.Sent);
        Assert.Equal(1, h.Counters.EvaluationErrors);
    }
}
