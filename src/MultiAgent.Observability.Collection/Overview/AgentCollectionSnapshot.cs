namespace MultiAgent.Observability.Collection;

/// <summary>How collection of one remote agent is going.</summary>
public sealed class AgentCollectionSnapshot
{
    /// <summary>Gets the agent's collection interval.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>Gets when the last collection (scrape and probe) finished, or null before the first.</summary>
    public DateTimeOffset? LastCollectedAt { get; init; }

    /// <summary>Gets when the last successful collection finished, or null when none has succeeded.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>Gets how many collections ran.</summary>
    public long Collections { get; init; }

    /// <summary>Gets how many collections failed.</summary>
    public long Failures { get; init; }

    /// <summary>Gets the last scrape of the metrics endpoint, or null (no endpoint, or none yet).</summary>
    public ScrapeResult? LastScrape { get; init; }

    /// <summary>Gets the last probe of the health endpoint, or null (no endpoint, or none yet).</summary>
    public ScrapeResult? LastHealthProbe { get; init; }
}
