using System.Text;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>
/// Alertmanager's aggregation groups and notification dedup in process: alerts are grouped by the
/// <see cref="AlertNotificationOptions.GroupBy"/> labels; a new group is flushed after <c>group_wait</c>, then every
/// <c>group_interval</c>; a flush notifies per Alertmanager's <c>needsUpdate</c> table (new firing alerts, all resolved,
/// newly resolved with send_resolved, or <c>repeat_interval</c> elapsed). Timers come from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class AlertGrouper : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly AlertNotificationOptions _options;
    private readonly Action<AlertNotification> _deliver;
    private bool _disposed;

    public AlertGrouper(TimeProvider timeProvider, AlertNotificationOptions options, Action<AlertNotification> deliver)
    {
        _timeProvider = timeProvider;
        _options = options;
        _deliver = deliver;
    }

    /// <summary>Adds or updates an alert (by fingerprint) in its group.</summary>
    public void Add(Alert alert)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var (key, labels) = GroupKey(alert);
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new Group(key, labels) { Owner = this };
                _groups[key] = group;
                group.Timer = _timeProvider.CreateTimer(static state => ((Group)state!).Owner!.Flush((Group)state), group, _options.GroupWait, Timeout.InfiniteTimeSpan);
            }

            group.Alerts[alert.Fingerprint] = alert;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var group in _groups.Values)
            {
                group.Timer?.Dispose();
            }

            _groups.Clear();
        }
    }

    private (string Key, Dictionary<string, string> Labels) GroupKey(Alert alert)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var key = new StringBuilder("{");
        foreach (var name in _options.GroupBy.Order(StringComparer.Ordinal))
        {
            if (alert.Labels.TryGetValue(name, out var value))
            {
                labels[name] = value;
                key.Append(key.Length > 1 ? "," : string.Empty).Append(name).Append("=\"").Append(value).Append('"');
            }
        }

        return (key.Append('}').ToString(), labels);
    }

    private void Flush(Group group)
    {
        AlertNotification? notification = null;
        lock (_gate)
        {
            if (_disposed || !_groups.TryGetValue(group.Key, out var current) || !ReferenceEquals(current, group))
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            var firing = new List<Alert>();
            var resolved = new List<Alert>();
            foreach (var alert in group.Alerts.Values)
            {
                (IsResolved(alert, now) ? resolved : firing).Add(alert);
            }

            firing.Sort(static (a, b) => string.CompareOrdinal(a.Fingerprint, b.Fingerprint));
            resolved.Sort(static (a, b) => string.CompareOrdinal(a.Fingerprint, b.Fingerprint));
            if (NeedsUpdate(group, firing, resolved, now))
            {
                notification = new AlertNotification
                {
                    GroupKey = group.Key,
                    GroupLabels = group.Labels,
                    Firing = firing,
                    Resolved = resolved,
                    Timestamp = now,
                };
                group.NotifiedAt = now;
                group.NotifiedFiring = [.. firing.Select(static a => a.Fingerprint)];
                group.NotifiedResolved = [.. resolved.Select(static a => a.Fingerprint)];
            }

            // Resolved alerts leave the group once a flush has seen them, as in Alertmanager.
            foreach (var alert in resolved)
            {
                group.Alerts.Remove(alert.Fingerprint);
            }

            if (group.Alerts.Count == 0)
            {
                group.Timer!.Dispose();
                _groups.Remove(group.Key);
            }
            else
            {
                group.Timer!.Change(_options.GroupInterval, Timeout.InfiniteTimeSpan);
            }
        }

        if (notification is not null)
        {
            _deliver(notification);
        }
    }

    private static bool IsResolved(Alert alert, DateTimeOffset now) =>
        alert.State == AlertState.Resolved || (alert.EndsAt is { } ends && ends <= now);

    /// <summary>Alertmanager's <c>DedupStage.needsUpdate</c>.</summary>
    private bool NeedsUpdate(Group group, List<Alert> firing, List<Alert> resolved, DateTimeOffset now)
    {
        if (group.NotifiedFiring is null)
        {
            return firing.Count > 0;
        }

        foreach (var alert in firing)
        {
            if (!group.NotifiedFiring.Contains(alert.Fingerprint))
            {
                return true;
            }
        }

        if (firing.Count == 0)
        {
            return group.NotifiedFiring.Count > 0;
        }

        if (_options.SendResolved)
        {
            foreach (var alert in resolved)
            {
                if (!group.NotifiedResolved!.Contains(alert.Fingerprint))
                {
                    return true;
                }
            }
        }

        return now - group.NotifiedAt > _options.RepeatInterval;
    }

    private sealed class Group(string key, Dictionary<string, string> labels)
    {
        public string Key { get; } = key;

        public Dictionary<string, string> Labels { get; } = labels;

        public Dictionary<string, Alert> Alerts { get; } = new(StringComparer.Ordinal);

        public AlertGrouper? Owner { get; set; }

        public ITimer? Timer { get; set; }

        public DateTimeOffset NotifiedAt { get; set; }

        public HashSet<string>? NotifiedFiring { get; set; }

        public HashSet<string>? NotifiedResolved { get; set; }
    }
}
