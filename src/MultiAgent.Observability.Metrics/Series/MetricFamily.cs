namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A declared metric family: its validated bucket and quantile arrays, the sample names it is exposed under,
/// and its series, appended by the <see cref="SeriesTable"/> and read without a lock.
/// </summary>
internal sealed class MetricFamily
{
    private readonly PublishedList<SeriesState> _series = new(4);

    public MetricFamily(MetricDescription description)
    {
        Description = description;
        Buckets = [.. description.Buckets];
        Quantiles = [.. description.Quantiles];
        ExposedNames = ExposedNamesOf(description.Name, description.Kind);
    }

    public MetricDescription Description { get; }

    public string Name => Description.Name;

    public MetricKind Kind => Description.Kind;

    /// <summary>Gets the histogram bucket upper bounds, without the implied <c>+Inf</c>.</summary>
    public double[] Buckets { get; }

    /// <summary>Gets the summary quantiles.</summary>
    public double[] Quantiles { get; }

    /// <summary>
    /// Gets every sample name the family is exposed under in either text format: a counter <c>x</c> as
    /// <c>x_total</c> and <c>x_created</c>, a histogram <c>h</c> as <c>h_bucket</c>, <c>h_sum</c>, <c>h_count</c>,
    /// <c>h_created</c>, a summary likewise without buckets; the family's own name is always claimed.
    /// </summary>
    public string[] ExposedNames { get; }

    /// <summary>Gets the family's series in creation order: a consistent prefix, safe to read from any thread.</summary>
    public ReadOnlySpan<SeriesState> Series => _series.Items;

    /// <summary>Returns why a description is invalid, or null.</summary>
    public static string? Validate(MetricDescription description)
    {
        if (PrometheusNaming.ValidateMetricName(description.Name) is { } nameError)
        {
            return nameError;
        }

        return description.Kind switch
        {
            MetricKind.Histogram => ValidateBuckets(description.Name, description.Buckets),
            MetricKind.Summary => ValidateQuantiles(description.Name, description.Quantiles),
            _ => null,
        };
    }

    /// <summary>Appends a series; only the <see cref="SeriesTable"/> calls it, under its lock.</summary>
    public void Add(SeriesState state) => _series.Add(state);

    /// <summary>Removes a retired series; only the <see cref="SeriesTable"/> calls it, under its lock.</summary>
    public void Remove(SeriesState state) => _series.Remove(state);

    private static string[] ExposedNamesOf(string name, MetricKind kind) => kind switch
    {
        MetricKind.Counter when name.EndsWith("_total", StringComparison.Ordinal) => [name, name[..^6], name[..^6] + "_created"],
        MetricKind.Counter => [name, name + "_total", name + "_created"],
        MetricKind.Histogram => [name, name + "_bucket", name + "_sum", name + "_count", name + "_created"],
        MetricKind.Summary => [name, name + "_sum", name + "_count", name + "_created"],
        _ => [name],
    };

    private static string? ValidateBuckets(string name, IReadOnlyList<double>? buckets)
    {
        if (buckets is null || buckets.Count == 0)
        {
            return $"Histogram '{name}' needs at least one bucket bound.";
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            if (!double.IsFinite(buckets[i]))
            {
                return $"Histogram '{name}' bucket {i} is {buckets[i]}; bounds must be finite (+Inf is implied).";
            }

            if (i > 0 && buckets[i] <= buckets[i - 1])
            {
                return $"Histogram '{name}' bucket bounds must increase strictly; {buckets[i]} at index {i} follows {buckets[i - 1]}.";
            }
        }

        return null;
    }

    private static string? ValidateQuantiles(string name, IReadOnlyList<double>? quantiles)
    {
        if (quantiles is null)
        {
            return $"Summary '{name}' quantiles must not be null.";
        }

        for (var i = 0; i < quantiles.Count; i++)
        {
            // 0 and 1 are the minimum and maximum, which Prometheus clients expose (go_gc_duration_seconds).
            if (!(quantiles[i] >= 0 && quantiles[i] <= 1))
            {
                return $"Summary '{name}' quantile {quantiles[i]} at index {i} is not in [0, 1].";
            }

            for (var j = 0; j < i; j++)
            {
                if (quantiles[j] == quantiles[i])
                {
                    return $"Summary '{name}' quantile {quantiles[i]} is given twice (at {j} and {i}); each would be exposed as the same series.";
                }
            }
        }

        return null;
    }
}
