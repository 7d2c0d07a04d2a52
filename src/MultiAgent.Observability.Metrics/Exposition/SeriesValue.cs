namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// One series' aggregate as the serializers write it. The buffers belong to the caller, which reuses one value for a
/// whole scrape: a source only grows them (<see cref="EnsureCapacity"/>) when a series needs more room.
/// </summary>
internal struct SeriesValue
{
    /// <summary>The aggregate's kind.</summary>
    public MetricKind Kind;

    /// <summary>How many samples were aggregated; zero means there is nothing to expose yet.</summary>
    public long SampleCount;

    /// <summary>A counter's total or a gauge's last value.</summary>
    public double Value;

    /// <summary>A histogram's or summary's sum of observations.</summary>
    public double Sum;

    /// <summary>A histogram's or summary's number of observations.</summary>
    public long Count;

    /// <summary>How many entries of <see cref="Bounds"/> (and of <see cref="BucketCounts"/> or <see cref="QuantileValues"/>) are set.</summary>
    public int Length;

    /// <summary>A histogram's upper bounds, increasing (ending with <c>+Inf</c> or not), or a summary's quantiles.</summary>
    public double[] Bounds;

    /// <summary>A histogram's cumulative count at each bound.</summary>
    public long[] BucketCounts;

    /// <summary>A summary's value at each quantile.</summary>
    public double[] QuantileValues;

    /// <summary>Makes room for <paramref name="length"/> bounds with their counts or values.</summary>
    public void EnsureCapacity(int length)
    {
        if (Bounds is null || Bounds.Length < length)
        {
            var size = Math.Max(length, 16);
            Bounds = new double[size];
            BucketCounts = new long[size];
            QuantileValues = new double[size];
        }
    }

    /// <summary>Reads a public aggregate record (the <see cref="IMetricReader"/> path, and summaries, whose quantiles are computed on read).</summary>
    /// <returns>False when <paramref name="aggregate"/> is null.</returns>
    public bool Read(MetricAggregate? aggregate)
    {
        SampleCount = aggregate?.SampleCount ?? 0;
        switch (aggregate)
        {
            case CounterAggregate counter:
                Kind = MetricKind.Counter;
                Value = counter.Value;
                return true;
            case GaugeAggregate gauge:
                Kind = MetricKind.Gauge;
                Value = gauge.Last;
                return true;
            case HistogramAggregate histogram:
                Kind = MetricKind.Histogram;
                Sum = histogram.Sum;
                Count = histogram.Count;
                Length = histogram.UpperBounds.Count;
                EnsureCapacity(Length);
                for (var i = 0; i < Length; i++)
                {
                    Bounds[i] = histogram.UpperBounds[i];
                    BucketCounts[i] = histogram.CumulativeCounts[i];
                }

                return true;
            case SummaryAggregate summary:
                Kind = MetricKind.Summary;
                Sum = summary.Sum;
                Count = summary.Count;
                Length = summary.Quantiles.Count;
                EnsureCapacity(Length);
                for (var i = 0; i < Length; i++)
                {
                    (Bounds[i], QuantileValues[i]) = summary.Quantiles[i];
                }

                return true;
            default:
                return false;
        }
    }
}
