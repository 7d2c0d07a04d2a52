using MultiAgent.Observability.Alerting;

namespace AgentFleet.Reporting;

/// <summary>Every alert that fired during the run, and when it resolved, gathered by polling the engine.</summary>
internal sealed class AlertJournal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Fingerprint, DateTimeOffset FiredAt), AlertRecord> _alerts = [];

    /// <summary>Adds the firing and resolved alerts of <paramref name="alerts"/>; pending ones are not news yet.</summary>
    public void Observe(IReadOnlyList<Alert> alerts)
    {
        lock (_lock)
        {
            foreach (var alert in alerts)
            {
                if (alert.FiredAt is not { } firedAt)
                {
                    continue;
                }

                var key = (alert.Fingerprint, firedAt);
                if (!_alerts.TryGetValue(key, out var record))
                {
                    _alerts[key] = record = new AlertRecord
                    {
                        Name = alert.Name,
                        AgentId = alert.AgentId,
                        Severity = alert.Severity.ToString().ToLowerInvariant(),
                        Summary = alert.Annotations.GetValueOrDefault("summary"),
                        FiredAt = firedAt,
                    };
                }

                record.ResolvedAt ??= alert.ResolvedAt;
            }
        }
    }

    /// <summary>The alerts seen so far, oldest first.</summary>
    public IReadOnlyList<AlertRecord> Snapshot()
    {
        lock (_lock)
        {
            return _alerts.Values.OrderBy(static a => a.FiredAt).Select(static a => a.Copy()).ToList();
        }
    }
}

/// <summary>One alert of the run: fired, and resolved when <see cref="ResolvedAt"/> is set.</summary>
internal sealed class AlertRecord
{
    public required string Name { get; init; }

    public string? AgentId { get; init; }

    public required string Severity { get; init; }

    public string? Summary { get; init; }

    public DateTimeOffset FiredAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public AlertRecord Copy() => new()
    {
        Name = Name,
        AgentId = AgentId,
        Severity = Severity,
        Summary = Summary,
        FiredAt = FiredAt,
        ResolvedAt = ResolvedAt,
    };
}
