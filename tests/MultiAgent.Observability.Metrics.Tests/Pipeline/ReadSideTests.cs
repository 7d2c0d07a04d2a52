using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>The read side exporters walk: families, their series, and one series' aggregate into caller-owned memory.</summary>
public sealed class ReadSideTests
{
    [Fact]
    public async Task Read_EveryKind_SameValuesAsThePublicAggregate()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.Describe(new MetricDescription("latency", MetricKind.Histogram) { Buckets = [1, 2] });
        pipeline.Describe(new MetricDescription("tokens", MetricKind.Summary) { Quantiles = [0.5, 0.9] });
        var counter = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var gauge = pipeline.GetSeries("agent-1", "depth", MetricKind.Gauge);
        var histogram = pipeline.GetSeries("agent-1", "latency", MetricKind.Histogram);
        var summary = pipeline.GetSeries("agent-1", "tokens", MetricKind.Summary);
        pipeline.GetSeries("agent-2", "requests", MetricKind.Counter);
        for (var i = 1; i <= 10; i++)
        {
            pipeline.Add(counter, i);
            pipeline.Record(gauge, 10 - i);
            pipeline.Record(histogram, i * 0.3);
            pipeline.Record(summary, i);
        }

        await pipeline.FlushAsync();
        var read = pipeline.ReadSide;

        Assert.Equal(["latency", "tokens", "requests", "depth"], ToNames(read.Families));
        var states = new Dictionary<string, SeriesState>();
        foreach (var family in read.Families)
        {
            foreach (var state in family.Series)
            {
                states[$"{state.Info.Name}/{state.Info.AgentId}"] = state;
            }
        }

        var reading = default(SeriesReading);
        Assert.False(read.Read(states["requests/agent-2"], ref reading, [], []));

        Assert.True(read.Read(states["requests/agent-1"], ref reading, [], []));
        var c = Assert.IsType<CounterAggregate>(pipeline.GetAggregate(counter));
        Assert.Equal((c.SampleCount, c.Value, c.Resets, c.LastSampleAt.ToUnixTimeMilliseconds()), (reading.SampleCount, reading.Value, reading.Resets, reading.LastSampleMs));

        Assert.True(read.Read(states["depth/agent-1"], ref reading, [], []));
        var g = Assert.IsType<GaugeAggregate>(pipeline.GetAggregate(gauge));
        Assert.Equal((g.Last, g.Min, g.Max), (reading.Value, reading.Min, reading.Max));

        Span<long> buckets = stackalloc long[3];
        Assert.True(read.Read(states["latency/agent-1"], ref reading, buckets, []));
        var h = Assert.IsType<HistogramAggregate>(pipeline.GetAggregate(histogram));
        Assert.Equal(h.CumulativeCounts, buckets.ToArray());
        Assert.Equal((h.Sum, h.Count), (reading.Value, reading.Count));

        Span<double> quantiles = stackalloc double[2];
        Assert.True(read.Read(states["tokens/agent-1"], ref reading, [], quantiles));
        var s = Assert.IsType<SummaryAggregate>(pipeline.GetAggregate(summary));
        Assert.Equal(s.Quantiles.Select(q => q.Value), quantiles.ToArray());
        Assert.Equal((s.Sum, s.Count, s.WindowCount), (reading.Value, reading.Count, reading.WindowCount));
    }

    [Fact]
    public async Task Read_SpanShorterThanTheFamilyNeeds_ThrowsNamingTheMetric()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.Record("agent-1", "latency", MetricKind.Histogram, 1);
        pipeline.Record("agent-1", "tokens", MetricKind.Summary, 1);
        await pipeline.FlushAsync();
        var read = pipeline.ReadSide;
        var families = read.Families.ToArray();

        var histogram = Assert.Throws<ArgumentException>(() => Read(read, families[0].Series[0], new long[3], []));
        var summary = Assert.Throws<ArgumentException>(() => Read(read, families[1].Series[0], [], new double[1]));

        Assert.Contains("Histogram 'latency' needs 12 cumulative counts", histogram.Message, StringComparison.Ordinal);
        Assert.Contains("Summary 'tokens'", summary.Message, StringComparison.Ordinal);
        Assert.True(Read(read, families[0].Series[0], new long[12], []));
    }

    [Fact]
    public async Task Read_WalkingEveryFamilyAndSeries_AllocatesNothing()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        for (var i = 0; i < 50; i++)
        {
            pipeline.Record($"agent-{i}", "latency", MetricKind.Histogram, i);
            pipeline.Record($"agent-{i}", "tokens", MetricKind.Summary, i);
            pipeline.Add($"agent-{i}", "requests", 1);
        }

        await pipeline.FlushAsync();
        var read = pipeline.ReadSide;
        var buckets = new long[MetricDescription.DefaultBuckets.Count + 1];
        var quantiles = new double[MetricDescription.DefaultQuantiles.Count];
        var walked = Walk(read, buckets, quantiles);

        var before = GC.GetAllocatedBytesForCurrentThread();
        walked += Walk(read, buckets, quantiles);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(300, walked);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Readers_RacingSeriesCreationAcrossResizes_NeverIndexAnOlderArray()
    {
        // Bounded stress: a writer creates 2,000 series (the table doubles five times) and records into each while
        // readers list, read history and read every new series; an older array would throw IndexOutOfRange.
        await using var pipeline = PipelineFactory.Create(out _, o => o.BatchSize = 1);
        var done = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                long seen = 0;
                while (Volatile.Read(ref done) == 0)
                {
                    foreach (var sample in pipeline.GetHistory())
                    {
                        Assert.True(sample.Series.IsValid);
                    }

                    foreach (var info in pipeline.ListSeries())
                    {
                        seen += pipeline.GetAggregate(info.Series)?.SampleCount ?? 0;
                    }
                }

                return seen;
            },
            TaskCreationOptions.LongRunning)).ToArray();
        for (var i = 0; i < 2_000; i++)
        {
            pipeline.Add(pipeline.GetSeries("agent-1", "requests", MetricKind.Counter, KeyValuePair.Create("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))), 1);
        }

        await pipeline.FlushAsync();
        Volatile.Write(ref done, 1);
        await Task.WhenAll(readers);

        Assert.Equal(2_000, pipeline.ListSeries().Count);
        Assert.Equal(2_000, pipeline.GetStatistics().Aggregated);
    }

    private static bool Read(ReadSide read, SeriesState series, long[] counts, double[] quantiles)
    {
        var reading = default(SeriesReading);
        return read.Read(series, ref reading, counts, quantiles);
    }

    private static List<string> ToNames(ReadOnlySpan<MetricFamily> families)
    {
        var names = new List<string>();
        foreach (var family in families)
        {
            names.Add(family.Name);
        }

        return names;
    }

    private static int Walk(ReadSide read, long[] buckets, double[] quantiles)
    {
        var walked = 0;
        var reading = default(SeriesReading);
        foreach (var family in read.Families)
        {
            foreach (var series in family.Series)
            {
                walked += read.Read(series, ref reading, buckets, quantiles) ? 1 : 0;
            }
        }

        return walked;
    }
}
