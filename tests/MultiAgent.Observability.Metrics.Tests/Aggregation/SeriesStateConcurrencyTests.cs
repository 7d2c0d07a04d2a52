using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Aggregation;

/// <summary>
/// The sequence lock of <see cref="SeriesState"/>: one writer (the consumer's role) and readers racing it, bounded by
/// a sample count. Every write keeps an invariant across several fields, so a torn read would break it.
/// </summary>
public sealed class SeriesStateConcurrencyTests
{
    private const int Writes = 300_000;
    private const int Readers = 2;

    [Fact]
    public async Task Snapshot_GaugeWriterRacingReaders_NeverReturnsATornRead()
    {
        var state = NewState(MetricKind.Gauge);
        var reads = await RaceAsync(
            state,
            i => state.Apply(SampleOp.Record, i, i),
            () =>
            {
                if (state.Snapshot(0) is GaugeAggregate gauge)
                {
                    // Values 0, 1, 2... with timestamps equal to the value: every field follows from the count.
                    Assert.Equal(gauge.SampleCount - 1, gauge.Last);
                    Assert.Equal(gauge.Last, gauge.Max);
                    Assert.Equal(0, gauge.Min);
                    Assert.Equal(gauge.Last, gauge.LastSampleAt.ToUnixTimeMilliseconds());
                }
            });
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task ReadInto_HistogramWriterRacingReaders_CountsAlwaysMatchTheSampleCount()
    {
        var state = NewState(MetricKind.Histogram);
        var reads = await RaceAsync(
            state,
            i => state.Apply(SampleOp.Record, i % 20 * 0.1, i),
            () =>
            {
                var counts = new long[state.Family.Buckets.Length + 1];
                var reading = default(SeriesReading);
                if (state.ReadInto(0, ref reading, counts, []))
                {
                    Assert.Equal(reading.SampleCount, reading.Count);
                    Assert.Equal(reading.Count, counts[^1]);
                    for (var b = 1; b < counts.Length; b++)
                    {
                        Assert.True(counts[b] >= counts[b - 1]);
                    }
                }
            });
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Recent_CounterWriterRacingReaders_WindowIsConsecutiveTotals()
    {
        var state = NewState(MetricKind.Counter);
        var reads = await RaceAsync(
            state,
            i => state.Apply(SampleOp.Add, 1, i),
            () =>
            {
                // Each entry is (timestamp i, total i + 1): a torn ring would break the run of consecutive values.
                var points = state.Recent(0, long.MaxValue);
                for (var p = 0; p < points.Count; p++)
                {
                    Assert.Equal(points[p].Timestamp.ToUnixTimeMilliseconds() + 1, points[p].Value);
                    if (p > 0)
                    {
                        Assert.Equal(points[p - 1].Value + 1, points[p].Value);
                    }
                }
            });
        Assert.True(reads > 0);
    }

    internal static SeriesState NewState(MetricKind kind, AgentMetricsOptions? options = null)
    {
        var family = new MetricFamily(new MetricDescription("m", kind));
        var info = new MetricSeriesInfo(default, "agent-1", "m", kind, []);
        return SeriesState.Create(info, family, options ?? new AgentMetricsOptions { RecentValuesPerSeries = 16, SummaryMaxObservations = 16 });
    }

    /// <summary>Runs the writer for <see cref="Writes"/> samples on its own thread while readers read until it ends.</summary>
    /// <returns>How many reads were checked.</returns>
    private static async Task<long> RaceAsync(SeriesState state, Action<long> write, Action read)
    {
        var done = 0;
        long reads = 0;
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                while (Volatile.Read(ref done) == 0)
                {
                    read();
                    Interlocked.Increment(ref reads);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        var writer = Task.Factory.StartNew(
            () =>
            {
                for (long i = 0; i < Writes; i++)
                {
                    write(i);
                }

                Volatile.Write(ref done, 1);
            },
            TaskCreationOptions.LongRunning);
        await Task.WhenAll([writer, .. readers]);
        GC.KeepAlive(state);
        return reads;
    }
}
