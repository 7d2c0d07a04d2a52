namespace MultiAgent.Observability.Collection;

/// <summary>The metric pipeline's totals in the <see cref="FleetOverview"/>.</summary>
public sealed class MetricTotals
{
    /// <summary>Gets the series live in the pipeline (interned and not retired).</summary>
    public int Series { get; init; }

    /// <summary>Gets the samples held in the history ring.</summary>
    public int HistorySamples { get; init; }

    /// <summary>Gets the samples accepted by the pipeline.</summary>
    public long Accepted { get; init; }

    /// <summary>Gets the accepted samples aggregated.</summary>
    public long Aggregated { get; init; }

    /// <summary>Gets the accepted samples dropped because the buffer was full.</summary>
    public long Dropped { get; init; }

    /// <summary>Gets the samples refused at the door.</summary>
    public long Rejected { get; init; }

    /// <summary>Gets the new series refused by the cardinality cap.</summary>
    public long SeriesRefused { get; init; }

    /// <summary>Gets the series retired (gone from a target for the retire period, or of an unregistered agent).</summary>
    public long SeriesRetired { get; init; }

    /// <summary>Gets the default collection interval.</summary>
    public TimeSpan CollectionInterval { get; init; }
}
