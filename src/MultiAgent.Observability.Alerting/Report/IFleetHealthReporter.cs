namespace MultiAgent.Observability.Alerting;

/// <summary>Makes the fleet health report from the metric pipeline, the agent registry and the rule engine.</summary>
public interface IFleetHealthReporter
{
    /// <summary>Makes the report over the window ending now.</summary>
    /// <param name="window">The window; at most what the pipeline's recent values cover.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    FleetHealthReport Generate(TimeSpan window);
}
