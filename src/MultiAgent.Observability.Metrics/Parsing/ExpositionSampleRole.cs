namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>What a sample is within its family, from the suffix of its name.</summary>
public enum ExpositionSampleRole
{
    /// <summary>The family's own value: a gauge, an unknown metric, a summary quantile or a stateset state (no suffix), or a 0.0.4 counter.</summary>
    Value,

    /// <summary>A counter total (<c>_total</c>).</summary>
    Total,

    /// <summary>When a counter, histogram or summary was created, in seconds since the epoch (<c>_created</c>).</summary>
    Created,

    /// <summary>A cumulative histogram bucket with its <c>le</c> label (<c>_bucket</c>).</summary>
    Bucket,

    /// <summary>A histogram's or summary's observation count (<c>_count</c>).</summary>
    Count,

    /// <summary>A histogram's or summary's observation sum (<c>_sum</c>).</summary>
    Sum,

    /// <summary>A gauge histogram's count (<c>_gcount</c>).</summary>
    GaugeCount,

    /// <summary>A gauge histogram's sum (<c>_gsum</c>).</summary>
    GaugeSum,

    /// <summary>An info metric's sample (<c>_info</c>).</summary>
    Info,
}
