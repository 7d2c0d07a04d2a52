namespace MultiAgent.Observability.Collection;

/// <summary>Reports the <see cref="FleetOverview"/>: every agent with its status and collection results, and the metric totals. Thread-safe.</summary>
public interface IFleetOverview
{
    /// <summary>Takes the overview now.</summary>
    /// <returns>A snapshot.</returns>
    FleetOverview GetOverview();
}
