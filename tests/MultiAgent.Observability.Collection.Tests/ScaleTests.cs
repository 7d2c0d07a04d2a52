using System.Collections.Concurrent;
using System.Globalization;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>1,000 targets on one loopback server at a 15 s interval: time is fake, the sockets are real.</summary>
public sealed class ScaleTests
{
    private const int Targets = 1_000;
    private const int Rounds = 10;

    [Fact]
    public async Task Collect_ThousandTargets_EachScrapedOncePerIntervalAndMemoryFlat()
    {
        await using var server = await FaultServer.StartAsync();
        var interval = TimeSpan.FromSeconds(15);
        await using var harness = new CollectionHarness(o =>
        {
            o.Interval = interval;
            o.SpreadScrapes = true;
            o.RequestTimeout = TimeSpan.FromSeconds(10);
        });
        var counts = new ConcurrentDictionary<string, int>();
        var total = 0;
        var failures = 0;
        var roundDone = new SemaphoreSlim(0);
        var expected = Targets;
        harness.Collector.Collected += (id, ok) =>
        {
            counts.AddOrUpdate(id.Value, 1, static (_, n) => n + 1);
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }

            if (Interlocked.Increment(ref total) == Volatile.Read(ref expected))
            {
                roundDone.Release();
            }
        };
        for (var i = 0; i < Targets; i++)
        {
            harness.Register("target-" + i.ToString("D4", CultureInfo.InvariantCulture), server.Url("targets/" + i.ToString(CultureInfo.InvariantCulture)));
        }

        await harness.StartAsync();
        long memoryAfterSecondRound = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            // Each target's timer is offset by a share of the interval fixed by its id: one interval of fake time
            // covers exactly one tick of every target.
            harness.Time.Advance(interval);

            Assert.True(await roundDone.WaitAsync(TimeSpan.FromMinutes(2)), $"round {round}: {Volatile.Read(ref total)} of {expected} collections, {harness.Collector.TargetCount} targets, now {harness.Time.GetUtcNow():O}");
            Assert.Equal(Targets * round, Volatile.Read(ref total));
            Assert.All(counts.Values, n => Assert.Equal(round, n));
            Volatile.Write(ref expected, Targets * (round + 1));
            if (round == 2)
            {
                memoryAfterSecondRound = Memory();
            }
        }

        Assert.Equal(0, failures);
        Assert.Equal(Targets, counts.Count);
        var growth = Memory() - memoryAfterSecondRound;
        Assert.True(growth < 16 * 1024 * 1024, $"managed memory grew {growth:N0} bytes from round 2 to round {Rounds}");
        await harness.Reader.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Targets * 5, harness.Reader.GetStatistics().SeriesCount);
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
