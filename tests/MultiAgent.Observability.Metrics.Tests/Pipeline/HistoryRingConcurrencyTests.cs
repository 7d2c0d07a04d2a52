using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>The per-entry sequence numbers of <see cref="HistoryRing"/>: a writer laps a small ring while readers snapshot it.</summary>
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
}
