using System.ComponentModel.DataAnnotations;

namespace MultiAgent.Observability.Metrics;

/// <summary>Options of the metric pipeline. Every limit has a documented default; invalid values fail at host start.</summary>
public sealed class AgentMetricsOptions
{
    /// <summary>Gets or sets how many samples may wait between producers and the consumer.</summary>
    /// <value>The default value is 262,144 samples (512 batches).</value>
    [Range(1, 100_000_000)]
    public int Capacity { get; set; } = 262_144;

    /// <summary>Gets or sets how many samples a producer thread gathers before handing them to the consumer in one channel write.</summary>
    /// <value>The default value is 512.</value>
    [Range(1, 65_536)]
    public int BatchSize { get; set; } = 512;

    /// <summary>Gets or sets what producers do when <see cref="Capacity"/> is reached.</summary>
    /// <value>The default value is <see cref="FullBufferPolicy.DropOldest"/>: recording never blocks.</value>
    public FullBufferPolicy FullBufferPolicy { get; set; } = FullBufferPolicy.DropOldest;

    /// <summary>Gets or sets the longest a sample may sit in the batch of a producer that went idle before it is aggregated.</summary>
    /// <value>The default value is 1 second. At least 1 millisecond.</value>
    public TimeSpan MaxFlushDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the cardinality cap: series past it, and families past it, are refused, counted and logged once.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxSeries { get; set; } = 10_000;

    /// <summary>Gets or sets the most labels one series may have (besides <c>agent_id</c>).</summary>
    /// <value>The default value is 16.</value>
    [Range(0, 128)]
    public int MaxLabelsPerSeries { get; set; } = 16;

    /// <summary>Gets or sets the longest label value, in characters.</summary>
    /// <value>The default value is 256.</value>
    [Range(1, 65_536)]
    public int MaxLabelValueLength { get; set; } = 256;

    /// <summary>Gets or sets how many recent values each series keeps, with timestamps, for time-window queries.</summary>
    /// <value>The default value is 64.</value>
    [Range(1, 1_000_000)]
    public int RecentValuesPerSeries { get; set; } = 64;

    /// <summary>Gets or sets how many observations a summary keeps for its quantiles (the sliding window's size bound).</summary>
    /// <value>The default value is 1,024.</value>
    [Range(1, 1_000_000)]
    public int SummaryMaxObservations { get; set; } = 1_024;

    /// <summary>Gets or sets the age bound of the sliding window summary quantiles are computed over.</summary>
    /// <value>The default value is 10 minutes. At least 1 second.</value>
    public TimeSpan SummaryMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the size of the history ring of recent samples across all series, for reports.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int HistoryCapacity { get; set; } = 10_000;
}
