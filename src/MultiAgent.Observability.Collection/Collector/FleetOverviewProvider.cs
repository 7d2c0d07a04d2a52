using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection;

/// <summary>Builds the <see cref="FleetOverview"/> from the registry, the collector and the pipeline.</summary>
internal sealed class FleetOverviewProvider(IAgentRegistry registry, AgentCollector collector, IMetricReader reader, TimeProvider time) : IFleetOverview
{
    public FleetOverview GetOverview()
    {
        var now = time.GetUtcNow();
        var agents = registry.GetAll();
        var byStatus = new Dictionary<AgentStatus, int>();
        var overviews = new AgentOverview[agents.Count];
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            byStatus[agent.Status] = byStatus.GetValueOrDefault(agent.Status) + 1;
            var remote = agent.Info.MetricsEndpoint is not null || agent.Info.HealthEndpoint is not null;
            overviews[i] = new AgentOverview
            {
                Id = agent.Info.Id.Value,
                Status = agent.Status,
                StatusReason = agent.StatusReason,
                RegisteredAt = agent.RegisteredAt,
                LastHeartbeat = agent.LastHeartbeat,
                HeartbeatAge = now - agent.LastHeartbeat,
                Remote = remote,
                MetricsEndpoint = agent.Info.MetricsEndpoint,
                HealthEndpoint = agent.Info.HealthEndpoint,
                Collection = remote && collector.TryGetSnapshot(agent.Info.Id, out var snapshot) ? snapshot : null,
            };
        }

        var statistics = reader.GetStatistics();
        return new FleetOverview
        {
            GeneratedAt = now,
            AgentsByStatus = byStatus,
            Agents = overviews,
            Metrics = new MetricTotals
            {
                Series = statistics.SeriesCount,
                HistorySamples = reader.GetHistory().Count,
                Accepted = statistics.Accepted,
                Aggregated = statistics.Aggregated,
                Dropped = statistics.Dropped,
                Rejected = statistics.Rejected,
                SeriesRefused = statistics.SeriesRefused,
                SeriesRetired = statistics.SeriesRetired,
                CollectionInterval = collector.DefaultInterval,
            },
        };
    }
}
