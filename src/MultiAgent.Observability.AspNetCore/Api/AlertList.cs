using MultiAgent.Observability.Alerting;

namespace MultiAgent.Observability.AspNetCore.Api;

/// <summary>The body of <c>/api/alerts</c>: firing and pending alerts, and the most recently resolved ones.</summary>
internal sealed class AlertList
{
    public required DateTimeOffset GeneratedAt { get; init; }

    public required IReadOnlyList<Alert> Firing { get; init; }

    public required IReadOnlyList<Alert> Pending { get; init; }

    public required IReadOnlyList<Alert> Resolved { get; init; }

    /// <summary>Splits the engine's alerts by state; resolved ones most recent first, at most <paramref name="maxResolved"/>.</summary>
    public static AlertList From(IReadOnlyList<Alert> alerts, int maxResolved, DateTimeOffset now)
    {
        var firing = new List<Alert>();
        var pending = new List<Alert>();
        var resolved = new List<Alert>();
        foreach (var alert in alerts)
        {
            (alert.State switch
            {
                AlertState.Firing => firing,
                AlertState.Pending => pending,
                _ => resolved,
            }).Add(alert);
        }

        resolved.Sort(static (a, b) => Nullable.Compare(b.ResolvedAt, a.ResolvedAt));
        if (resolved.Count > maxResolved)
        {
            resolved.RemoveRange(maxResolved, resolved.Count - maxResolved);
        }

        return new AlertList { GeneratedAt = now, Firing = firing, Pending = pending, Resolved = resolved };
    }
}
