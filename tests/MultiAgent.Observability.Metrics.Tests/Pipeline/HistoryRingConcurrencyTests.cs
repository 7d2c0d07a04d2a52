using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>The claim-and-publish protocol of <see cref="HistoryRing"/>: a writer laps a small ring while readers snapshot it.</summary>
public sealed class HistoryRingConcurrencyTests
{
    [Fact]
    public async Task Snapshot_WriterLappingReaders_OnlyWholeEntriesOldestFirst()
    {
        const int Writes = 500_000;
        var ring = new HistoryRing(64);
        var done = 0;
        long checkedEntries = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                while (Volatile.Read(ref done) == 0)
                {
                    var entries = ring.Snapshot();
                    for (var e = 0; e < entries.Count; e++)
                    {
                        // Entry i is (series i % 1000, value i, timestamp 3i): any mix of two writes breaks one of these.
                        var (series, value, timestampMs) = entries[e];
                        Assert.Equal(value * 3, timestampMs);
                        Assert.Equal((long)value % 1000, series);
                        Assert.True(e == 0 || entries[e - 1].Value < value, "entries are oldest first");
                    }

                    Interlocked.Add(ref checkedEntries, entries.Count);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        var writer = Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < Writes; i++)
                {
                    ring.Add(i % 1000, i, 3L * i);
                }

                Volatile.Write(ref done, 1);
            },
            TaskCreationOptions.LongRunning);
        await Task.WhenAll([writer, .. readers]);

        Assert.True(checkedEntries > 0);
        var last = ring.Snapshot();
        Assert.Equal(64, last.Count);
        Assert.Equal(Writes - 1, last[^1].Value);
    }

    [Fact]
    public async Task Snapshot_WriterLappingWithBatches_OnlyWholeConsecutiveEntries()
    {
        const int Batches = 20_000;
        var ring = new HistoryRing(64);
        var done = 0;
        long checkedEntries = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                while (Volatile.Read(ref done) == 0)
                {
                    var entries = ring.Snapshot();
                    for (var e = 0; e < entries.Count; e++)
                    {
                        // Sample n is (series n % 1000, value n, timestamp 3n), written in batches of 1 to 100 (some larger
                        // than the ring): whole entries, and no gap or repeat between neighbours.
                        var (series, value, timestampMs) = entries[e];
                        Assert.Equal(value * 3, timestampMs);
                        Assert.Equal((long)value % 1000, series);
                        Assert.True(e == 0 || entries[e - 1].Value + 1 == value, "entries are consecutive, oldest first");
                    }

                    Interlocked.Add(ref checkedEntries, entries.Count);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        long next = 0;
        var writer = Task.Factory.StartNew(
            () =>
            {
                var samples = new Sample[100];
                var times = new long[100];
                for (var b = 0; b < Batches; b++)
                {
                    var count = (b % 100) + 1;
                    for (var i = 0; i < count; i++, next++)
                    {
                        samples[i] = new Sample { Series = (int)(next % 1000), Value = next };
                        times[i] = 3 * next;
                    }

                    ring.Add(samples.AsSpan(0, count), timestampMs: -1, times);
                }

                Volatile.Write(ref done, 1);
            },
            TaskCreationOptions.LongRunning);
        await Task.WhenAll([writer, .. readers]);

        Assert.True(checkedEntries > 0);
        var last = ring.Snapshot();
        Assert.Equal(64, last.Count);
        Assert.Equal(next - 1, last[^1].Value);
        Assert.Equal(next, ring.Written);
    }

    [Fact]
    public void Add_Batch_CarriesTheBatchTimeUnlessEachSampleHasItsOwn()
    {
        var ring = new HistoryRing(4);
        ring.Add([new Sample { Series = 1, Value = 10 }, new Sample { Series = 2, Value = 20 }], timestampMs: 500, times: null);
        ring.Add([new Sample { Series = 3, Value = 30 }, new Sample { Series = 4, Value = 40 }, new Sample { Series = 5, Value = 50 }], timestampMs: 0, times: [601, 602, 603]);

        Assert.Equal([(2, 20.0, 500L), (3, 30.0, 601L), (4, 40.0, 602L), (5, 50.0, 603L)], ring.Snapshot());
        Assert.Equal(5, ring.Written);
    }
}
