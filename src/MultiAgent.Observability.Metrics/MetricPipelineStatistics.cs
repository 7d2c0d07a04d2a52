namespace MultiAgent.Observability.Metrics;

/// <summary>The pipeline's accounting: every sample offered is accepted or rejected; every accepted sample is aggregated, dropped, or still in flight.</summary>
/// <param name="Accepted">Samples taken into the pipeline.</param>
/// <param name="Aggregated">Accepted samples folded into their series.</param>
/// <param name="Dropped">Accepted samples dropped because the buffer was full (<see cref="FullBufferPolicy"/>).</param>
/// <param name="Rejected">Samples refused at the door on the handle path: invalid value, series refused by the cap, or pipeline stopped.</param>
/// <param name="SeriesCount">Series live: interned and not retired.</param>
/// <param name="SeriesRefused">New series, and the families they or <see cref="IMetricRecorder.Describe"/> would create, refused by <see cref="AgentMetricsOptions.MaxSeries"/>.</param>
public sealed record MetricPipelineStatistics(
    long Accepted,
    long Aggregated,
    long Dropped,
    long Rejected,
    int SeriesCount,
    long SeriesRefused)
{
    /// <summary>Gets the accepted samples not yet aggregated nor dropped.</summary>
    public long InFlight => Accepted - Aggregated - Dropped;

    /// <summary>Gets how many series were retired (<see cref="IMetricSnapshotRecorder.Retire"/>); they are not in <see cref="SeriesCount"/>.</summary>
    public long SeriesRetired { get; init; }
}
