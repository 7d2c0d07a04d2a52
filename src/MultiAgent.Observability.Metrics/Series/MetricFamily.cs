namespace MultiAgent.Observability.Metrics;

/// <summary>A declared metric family with its validated, ready-to-use bucket and quantile arrays.</summary>
internal sealed class MetricFamily
{
    public MetricFamily(MetricDescription description)
    {
        Description = description;
        Buckets = [.. description.Buckets];
        Quantiles = [.. description.Quantiles];
    }

    public MetricDescription Description { get; }

    public string Name => Description.Name;

    public MetricKind Kind => Description.Kind;

    public double[] Buckets { get; }

    public double[] Quantiles { get; }

    /// <summary>Returns why a description is invalid, or null.</summary>
    public static string? Validate(MetricDescription description)
    {
        if (PrometheusNaming.ValidateMetricName(description.Name) is { } nameError)
        {
            return nameError;
        }

        if (description.Kind == MetricKind.Histogram)
        {
            var buckets = description.Buckets;
            if (buckets is null || buckets.Count == 0)
            {
                return $"Histogram '{description.Name}' needs at least one bucket bound.";
            }

            for (var i = 0; i < buckets.Count; i++)
            {
                if (!double.IsFinite(buckets[i]))
                {
                    return $"Histogram '{description.Name}' bucket {i} is {buckets[i]}; bounds must be finite (+Inf is implied).";
                }

                if (i > 0 && buckets[i] <= buckets[i - 1])
                {
                    return $"Histogram '{description.Name}' bucket bounds must increase strictly; {buckets[i]} at index {i} follows {buckets[i - 1]}.";
                }
            }
        }

        if (description.Kind == MetricKind.Summary)
        {
            var quantiles = description.Quantiles;
            if (quantiles is null)
            {
                return $"Summary '{description.Name}' quantiles must not be null.";
            }

            for (var i = 0; i < quantiles.Count; i++)
            {
                if (!(quantiles[i] > 0 && quantiles[i] < 1))
                {
                    return $"Summary '{description.Name}' quantile {quantiles[i]} at index {i} is not in (0, 1).";
                }
            }
        }

        return null;
    }
}
