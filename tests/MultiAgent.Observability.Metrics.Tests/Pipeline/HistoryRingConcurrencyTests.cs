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

        var checkedEntries = await WriteWhileReadingAsync(ring, () =>
        {
            for (var i = 0; i < Writes; i++)
            {
                ring.Add([new Sample { Series = i % 1000, Value = i }], 3L * i, times: null);
            }
        });

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
        long next = 0;

        // Batches of 1 to 100 samples, some larger than the ring.
        var checkedEntries = await WriteWhileReadingAsync(ring, () =>
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
        });

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

    /// <summary>
    /// Runs <paramref name="write"/> while two readers snapshot the ring; sample n is (series n % 1000, value n,
    /// timestamp 3n), so any mix of two writes breaks a check, and every snapshot must be consecutive, oldest first.
    /// </summary>
    /// <returns>How many entries the readers checked.</returns>
    private static async Task<long> WriteWhileReadingAsync(HistoryRing ring, Action write)
    {
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
                        var (series, value, timestampMs) = entries[e];
                        Assert.Equal(value * 3, timestampMs);
                        Assert.Equal((long)value % 1000, series);
                        Assert.True(e == 0 || entries[e - 1].Value + 1 == value, "entries are consecutive, oldest first");
                    }

                    Interlocked.Add(ref checkedEntries, entries.Count);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        var writer = Task.Factory.StartNew(
            () =>
            {
                write();
                Volatile.Write(ref done, 1);
            },
            TaskCreationOptions.LongRunning);
        await Task.WhenAll([writer, .. readers]);
        return checkedEntries;
    }
}
