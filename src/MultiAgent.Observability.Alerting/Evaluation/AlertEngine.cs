using Microsoft.Extensions.Logging;
using MultiAgent.Observability.Alerting.Expressions;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// Evaluates rule groups and runs each alert's lifecycle exactly as Prometheus' <c>rules/alerting.go</c> does
/// (pending, firing, resolved and retained; <c>for</c>, <c>keep_firing_for</c>; sending on the resend delay),
/// plus hysteresis and the missing-data policy. A tick touches only the series its rules select, and allocates
/// nothing for an element whose alert neither changes nor needs sending.
/// </summary>
internal sealed class AlertEngine
{
    private readonly Lock _gate = new();
    private readonly IRuleSeriesSource _source;
    private readonly AlertingOptions _options;
    private readonly ILogger _logger;
    private readonly IAlertSink _sink;
    private readonly AlertingCounters _counters;
    private readonly SeriesIndex _index = new();
    private readonly Dictionary<string, (AgentStatus Status, string? Reason)> _agents = new(StringComparer.Ordinal);
    private readonly List<AlertSlot> _outbox = [];
    private readonly SeriesReader _reader;
    private int _tick;
    private Dictionary<string, RuleState[]> _groups = new(StringComparer.Ordinal);

    public AlertEngine(IRuleSeriesSource source, AlertingOptions options, ILogger logger, IAlertSink sink, AlertingCounters counters)
    {
        _source = source;
        _options = options;
        _logger = logger;
        _sink = sink;
        _counters = counters;
        _reader = new SeriesReader(source, options.LookbackDelta);
    }

    /// <summary>Replaces the rules; the alerts of rules whose group, name and expression are unchanged carry over.</summary>
    public void Load(IReadOnlyList<CompiledGroup> groups)
    {
        lock (_gate)
        {
            var previous = new Dictionary<string, RuleState>(StringComparer.Ordinal);
            foreach (var states in _groups.Values)
            {
                foreach (var state in states)
                {
                    previous.TryAdd(state.Rule.Key, state);
                }
            }

            var loaded = new Dictionary<string, RuleState[]>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var states = new RuleState[group.Rules.Count];
                for (var i = 0; i < states.Length; i++)
                {
                    var rule = group.Rules[i];
                    if (previous.Remove(rule.Key, out var kept) && SameLabels(kept.Rule, rule))
                    {
                        kept.Rule = rule;
                        states[i] = kept;
                    }
                    else
                    {
                        states[i] = new RuleState(rule);
                    }
                }

                loaded[group.Name] = states;
            }

            _groups = loaded;
        }
    }

    /// <summary>Records an agent's registry status, for the agent-status rules.</summary>
    public void SetAgentStatus(string agentId, AgentStatus status, string? reason)
    {
        lock (_gate)
        {
            if (status == AgentStatus.Unregistered)
            {
                _agents.Remove(agentId);
            }
            else
            {
                _agents[agentId] = (status, reason);
            }
        }
    }

    /// <summary>Evaluates one group at <paramref name="timestamp"/>.</summary>
    public void Evaluate(string groupName, DateTimeOffset timestamp)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(groupName, out var rules))
            {
                return;
            }

            Interlocked.Increment(ref _counters.Evaluations);
            var ts = timestamp.ToUnixTimeMilliseconds();
            var intervalMs = rules.Length > 0 ? (long)rules[0].Rule.Interval.TotalMilliseconds : 0;
            _index.Update(_source);
            foreach (var state in rules)
            {
                try
                {
                    EvaluateRule(state, ts, intervalMs);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _outbox.Clear();
                    Interlocked.Increment(ref _counters.EvaluationErrors);
                    Log.RuleFailed(_logger, e, state.Rule.GroupName, state.Rule.Name);
                }
            }
        }
    }

    public IReadOnlyList<Alert> GetAlerts()
    {
        var alerts = new List<Alert>();
        lock (_gate)
        {
            foreach (var states in _groups.Values)
            {
                foreach (var state in states)
                {
                    foreach (var slot in state.AllSlots())
                    {
                        if (slot.Instance is not null)
                        {
                            alerts.Add(Snapshot(state.Rule, slot));
                        }
                    }
                }
            }
        }

        alerts.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Fingerprint, b.Fingerprint);
        });
        return alerts;
    }

    private static bool SameLabels(CompiledRule a, CompiledRule b)
    {
        if (a.Labels.Length != b.Labels.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Labels.Length; i++)
        {
            if (a.Labels[i].Name != b.Labels[i].Name || a.Labels[i].Value.Text != b.Labels[i].Value.Text)
            {
                return false;
            }
        }

        return true;
    }

    private void EvaluateRule(RuleState state, long ts, long intervalMs)
    {
        var rule = state.Rule;
        switch (rule.Kind)
        {
            case RuleKind.Series:
                Bind(state);
                foreach (var slot in state.Slots)
                {
                    if (!slot.Refused)
                    {
                        var hasData = Observe(rule.Expression!, slot.Series, ts, out var value);
                        Step(rule, slot, hasData ? rule.Fires(value) : rule.NoData == NoDataPolicy.Alerting, hasData, value, ts, intervalMs);
                    }
                }

                break;
            case RuleKind.Absence:
                Bind(state);
                var present = false;
                foreach (var slot in state.Slots)
                {
                    if (Observe(rule.Expression!, slot.Series, ts, out _))
                    {
                        present = true;
                        break;
                    }
                }

                state.Absent ??= new AlertSlot(-1, AbsentLabels(rule));
                Step(rule, state.Absent, !present, hasData: true, 1, ts, intervalMs);
                break;
            case RuleKind.Vector:
                EvaluateVector(state, ts, intervalMs);
                break;
            default:
                EvaluateAgents(state, ts, intervalMs);
                break;
        }

        var active = rule.Limit > 0 ? CountActive(state) : 0;
        if (rule.Limit > 0 && active > rule.Limit)
        {
            // Prometheus: past the limit the rule fails and all its alerts are dropped.
            foreach (var slot in state.AllSlots())
            {
                slot.Instance = null;
            }

            _outbox.Clear();
            Interlocked.Increment(ref _counters.EvaluationErrors);
            Log.RuleLimitExceeded(_logger, rule.GroupName, rule.Name, active, rule.Limit);
            return;
        }

        foreach (var slot in _outbox)
        {
            Interlocked.Increment(ref _counters.AlertsSent);
            _sink.Publish(Snapshot(rule, slot));
        }

        _outbox.Clear();
    }

    private static int CountActive(RuleState state)
    {
        var active = 0;
        foreach (var slot in state.AllSlots())
        {
            if (slot.Instance is { State: AlertState.Pending or AlertState.Firing })
            {
                active++;
            }
        }

        return active;
    }

    private void EvaluateVector(RuleState state, long ts, long intervalMs)
    {
        var rule = state.Rule;
        var program = state.Program ??= CreateProgram(rule);
        program.Bind(_index);
        var result = program.Result;
        for (var i = state.Seen; i < result.Count; i++)
        {
            var slot = new AlertSlot(i, RenderLabels(rule, string.Empty, result.Labels[i]));
            if (!state.Fingerprints.Add(slot.Fingerprint))
            {
                slot.Refused = true;
                Interlocked.Increment(ref _counters.EvaluationErrors);
                Log.SeriesRefused(_logger, rule.GroupName, rule.Name, slot.Labels.FirstOrDefault(static l => l.Key == MonitoringLabels.AgentId).Value ?? string.Empty, rule.Name, "another element of the rule has the same alert label set (vector contains metrics with the same labelset after applying alert labels)");
            }

            state.Slots.Add(slot);
        }

        state.Seen = result.Count;

        // Stamps start at 1: the match tables' zeroed entries never look current.
        _tick = _tick == int.MaxValue ? 1 : _tick + 1;
        program.Evaluate(_reader, _index, ts, _tick);
        var present = result.Present;
        var values = result.Values;
        foreach (var slot in state.Slots)
        {
            if (!slot.Refused)
            {
                Step(rule, slot, present[slot.Series], hasData: true, values[slot.Series], ts, intervalMs);
            }
        }
    }

    // Separate from EvaluateVector so the closure is allocated once per rule, not on every tick.
    private VectorProgram CreateProgram(CompiledRule rule) => new(rule.Vector!, rule.Interval, (entry, reason) =>
    {
        Interlocked.Increment(ref _counters.EvaluationErrors);
        Log.SeriesRefused(_logger, rule.GroupName, rule.Name, entry.Info.AgentId, entry.Info.Name, reason);
    });

    private void EvaluateAgents(RuleState state, long ts, long intervalMs)
    {
        foreach (var (agentId, (status, reason)) in _agents)
        {
            if (!state.Agents.TryGetValue(agentId, out var slot))
            {
                var labels = RenderLabels(state.Rule, agentId, []);
                state.Agents[agentId] = slot = new AlertSlot(-1, labels);
            }

            slot.Detail = status == state.Rule.AgentStatus ? reason : slot.Detail;
        }

        foreach (var (agentId, slot) in state.Agents)
        {
            var active = _agents.TryGetValue(agentId, out var current) && current.Status == state.Rule.AgentStatus;
            Step(state.Rule, slot, active, hasData: true, active ? 1 : 0, ts, intervalMs);
            if (slot.Instance is null && !_agents.ContainsKey(agentId))
            {
                state.Agents.Remove(agentId);
            }
        }
    }

    /// <summary>Binds the series created since the last tick that the rule's selector picks.</summary>
    private void Bind(RuleState state)
    {
        var rule = state.Rule;
        var expression = rule.Expression!;
        var candidates = _index.Get(expression.Metric);
        for (var i = state.Seen; i < candidates.Count; i++)
        {
            var entry = _index.Entry(candidates[i]);
            var info = entry.Info;
            if (!expression.Selects(info.AgentId, entry.Labels))
            {
                continue;
            }

            var slot = new AlertSlot(candidates[i], RenderLabels(rule, info.AgentId, entry.Labels));
            if (rule.Kind == RuleKind.Series && KindMismatch(expression.Function, entry.Kind) is { } reason)
            {
                slot.Refused = true;
                Interlocked.Increment(ref _counters.EvaluationErrors);
                Log.SeriesRefused(_logger, rule.GroupName, rule.Name, info.AgentId, info.Name, reason);
            }
            else if (rule.Kind == RuleKind.Series && !state.Fingerprints.Add(slot.Fingerprint))
            {
                slot.Refused = true;
                Interlocked.Increment(ref _counters.EvaluationErrors);
                Log.SeriesRefused(_logger, rule.GroupName, rule.Name, info.AgentId, info.Name, "another series of the rule has the same alert label set (vector contains metrics with the same labelset after applying alert labels)");
            }

            state.Slots.Add(slot);
        }

        state.Seen = candidates.Count;
    }

    internal static string? KindMismatch(ExpressionFunction function, MetricKind kind) => function switch
    {
        ExpressionFunction.Rate or ExpressionFunction.Increase when kind != MetricKind.Counter =>
            "rate() and increase() apply counter-reset logic and take counters only; use delta() or deriv() for a gauge",
        ExpressionFunction.Delta or ExpressionFunction.Deriv when kind != MetricKind.Gauge =>
            "delta() and deriv() take gauges only; use rate() or increase() for a counter",
        _ => null,
    };

    /// <summary>Reads the expression's value for one bound entry at <paramref name="ts"/>; false when there is no data.</summary>
    private bool Observe(RuleExpression expression, int entry, long ts, out double value) =>
        _reader.Observe(expression, _index.Entry(entry), ts, out value);

    /// <summary>One evaluation of one element: the state machine of <c>rules/alerting.go</c>, with hysteresis and the missing-data policy.</summary>
    private void Step(CompiledRule rule, AlertSlot slot, bool active, bool hasData, double value, long ts, long intervalMs)
    {
        var alert = slot.Instance;
        if (!hasData && rule.NoData == NoDataPolicy.KeepState && alert is { State: AlertState.Pending or AlertState.Firing })
        {
            // Missing data is not resolution: keep the state (the for clock keeps running) for a while.
            alert.MissingEvaluations++;
            if (alert.MissingEvaluations < rule.MissingEvaluationsToResolve)
            {
                if (alert.State == AlertState.Pending && ts - alert.ActiveAtMs >= (long)rule.For.TotalMilliseconds)
                {
                    Fire(alert, ts);
                }

                QueueIfDue(slot, alert, ts, intervalMs);
                return;
            }
        }
        else if (hasData && alert is not null)
        {
            alert.MissingEvaluations = 0;
        }

        if (!active && hasData && alert is { State: AlertState.Firing } && !rule.CrossedResolveThreshold(value))
        {
            // Hysteresis: between the resolve and the fire threshold a firing alert stays firing.
            active = true;
        }

        if (active)
        {
            if (alert is null or { State: AlertState.Resolved })
            {
                slot.Instance = alert = new AlertInstance { State = AlertState.Pending, ActiveAtMs = ts };
            }

            alert.Value = hasData ? value : double.NaN;
            alert.KeepFiringSinceMs = AlertInstance.Unset;
            alert.ResolveSinceMs = AlertInstance.Unset;
            if (alert.State == AlertState.Pending && ts - alert.ActiveAtMs >= (long)rule.For.TotalMilliseconds)
            {
                Fire(alert, ts);
            }
        }
        else if (alert is not null)
        {
            switch (alert.State)
            {
                case AlertState.Pending:
                    // A pending alert whose condition stops holding is deleted; nothing was sent, nothing is.
                    slot.Instance = null;
                    return;
                case AlertState.Firing:
                    // The value stays the last one that met the condition, as in Prometheus (the element is gone).
                    if (rule.ResolveFor > TimeSpan.Zero && hasData)
                    {
                        alert.ResolveSinceMs = alert.ResolveSinceMs == AlertInstance.Unset ? ts : alert.ResolveSinceMs;
                        if (ts - alert.ResolveSinceMs < (long)rule.ResolveFor.TotalMilliseconds)
                        {
                            break;
                        }
                    }

                    if (rule.KeepFiringFor > TimeSpan.Zero)
                    {
                        alert.KeepFiringSinceMs = alert.KeepFiringSinceMs == AlertInstance.Unset ? ts : alert.KeepFiringSinceMs;
                        if (ts - alert.KeepFiringSinceMs < (long)rule.KeepFiringFor.TotalMilliseconds)
                        {
                            break;
                        }
                    }

                    alert.State = AlertState.Resolved;
                    alert.ResolvedAtMs = ts;
                    break;
                default:
                    if (ts - alert.ResolvedAtMs > (long)_options.ResolvedRetention.TotalMilliseconds)
                    {
                        slot.Instance = null;
                        return;
                    }

                    break;
            }
        }
        else
        {
            return;
        }

        QueueIfDue(slot, alert, ts, intervalMs);
    }

    private static void Fire(AlertInstance alert, long ts)
    {
        alert.State = AlertState.Firing;
        alert.FiredAtMs = ts;
    }

    /// <summary>Prometheus' <c>needsSending</c>: never pending; a new resolution at once; otherwise once the resend delay has passed.</summary>
    private void QueueIfDue(AlertSlot slot, AlertInstance alert, long ts, long intervalMs)
    {
        if (alert.State == AlertState.Pending)
        {
            return;
        }

        var resendDelay = (long)_options.ResendDelay.TotalMilliseconds;
        if (!alert.ResolvedSinceLastSend && alert.LastSentAtMs != AlertInstance.Unset && !(alert.LastSentAtMs + resendDelay < ts))
        {
            return;
        }

        alert.LastSentAtMs = ts;
        alert.ResolutionSent = alert.State == AlertState.Resolved;
        alert.ValidUntilMs = ts + (4 * Math.Max(intervalMs, resendDelay));
        _outbox.Add(slot);
    }

    private Alert Snapshot(CompiledRule rule, AlertSlot slot)
    {
        var alert = slot.Instance!;
        var labels = new Dictionary<string, string>(slot.Labels.Length, StringComparer.Ordinal);
        foreach (var (name, value) in slot.Labels)
        {
            labels[name] = value;
        }

        var annotations = new Dictionary<string, string>(rule.Annotations.Length + 1, StringComparer.Ordinal);
        var errors = 0;
        foreach (var (name, template) in rule.Annotations)
        {
            annotations[name] = template.Render(slot.Labels, alert.Value, ref errors);
        }

        if (slot.Detail is not null)
        {
            annotations["reason"] = slot.Detail;
        }

        if (errors > 0)
        {
            Interlocked.Add(ref _counters.TemplateErrors, errors);
            Log.TemplateFailed(_logger, rule.GroupName, rule.Name, errors);
        }

        return new Alert
        {
            Name = rule.Name,
            Labels = labels,
            Annotations = annotations,
            State = alert.State,
            Severity = rule.Severity,
            Value = alert.Value,
            ActiveAt = DateTimeOffset.FromUnixTimeMilliseconds(alert.ActiveAtMs),
            FiredAt = alert.FiredAtMs == AlertInstance.Unset ? null : DateTimeOffset.FromUnixTimeMilliseconds(alert.FiredAtMs),
            ResolvedAt = alert.State == AlertState.Resolved ? DateTimeOffset.FromUnixTimeMilliseconds(alert.ResolvedAtMs) : null,
            EndsAt = alert.State == AlertState.Resolved ? DateTimeOffset.FromUnixTimeMilliseconds(alert.ResolvedAtMs)
                : alert.ValidUntilMs == AlertInstance.Unset ? null : DateTimeOffset.FromUnixTimeMilliseconds(alert.ValidUntilMs),
            Fingerprint = Evaluation.Fingerprint.Format(slot.Fingerprint),
            Expression = rule.ExpressionText,
        };
    }

    private KeyValuePair<string, string>[] RenderLabels(CompiledRule rule, string agentId, IReadOnlyList<KeyValuePair<string, string>> seriesLabels)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [MonitoringLabels.AgentId] = agentId };
        foreach (var (name, value) in seriesLabels)
        {
            labels[name] = value;
        }

        var input = labels.ToArray();
        var errors = 0;
        foreach (var (name, template) in rule.Labels)
        {
            labels[name] = template.Render(input, double.NaN, ref errors);
        }

        if (errors > 0)
        {
            Interlocked.Add(ref _counters.TemplateErrors, errors);
            Log.TemplateFailed(_logger, rule.GroupName, rule.Name, errors);
        }

        // Prometheus drops labels with empty values.
        return [.. labels.Where(static l => l.Value.Length > 0)];
    }

    private static KeyValuePair<string, string>[] AbsentLabels(CompiledRule rule)
    {
        // absent() derives labels from equality matchers only (and, like Prometheus, not when one label has two).
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var matcher in rule.Expression!.Matchers)
        {
            if (matcher.Type == LabelMatchType.Equal && !labels.TryAdd(matcher.Name, matcher.Value))
            {
                repeated.Add(matcher.Name);
            }
        }

        foreach (var name in repeated)
        {
            labels.Remove(name);
        }

        var input = labels.ToArray();
        var errors = 0;
        foreach (var (name, template) in rule.Labels)
        {
            labels[name] = template.Render(input, double.NaN, ref errors);
        }

        return [.. labels.Where(static l => l.Value.Length > 0)];
    }
}
