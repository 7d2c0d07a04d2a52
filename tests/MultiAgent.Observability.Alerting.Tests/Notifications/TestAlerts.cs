namespace MultiAgent.Observability.Alerting.Tests.Notifications;

internal static class TestAlerts
{
    public static Alert Make(string name, string agent, AlertState state = AlertState.Firing, DateTimeOffset? endsAt = null) => new()
    {
        Name = name,
        Labels = new Dictionary<string, string> { ["alertname"] = name, ["agent_id"] = agent, ["severity"] = "warning" },
        Annotations = new Dictionary<string, string> { ["summary"] = $"{name} on {agent}" },
        State = state,
        Severity = Severity.Warning,
        ActiveAt = DateTimeOffset.UnixEpoch,
        FiredAt = DateTimeOffset.UnixEpoch,
        ResolvedAt = state == AlertState.Resolved ? DateTimeOffset.UnixEpoch.AddMinutes(1) : null,
        EndsAt = endsAt ?? (state == AlertState.Resolved ? DateTimeOffset.UnixEpoch.AddMinutes(1) : DateTimeOffset.MaxValue),
        Fingerprint = name + "/" + agent,
        Expression = "x > 1",
    };
}
