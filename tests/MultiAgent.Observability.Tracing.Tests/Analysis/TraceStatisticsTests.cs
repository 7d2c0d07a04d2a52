using static MultiAgent.Observability.Tracing.Tests.TestSpans;

namespace MultiAgent.Observability.Tracing.Tests;

public sealed class TraceStatisticsTests
{
    /// <summary>A trace whose root lasts <paramref name="rootMs"/> and whose chat children last the given durations.</summary>
    private static TraceAnalysis Trace(double offsetMs, double rootMs, string agent, double[] chatDurations, int errorEvery = 0)
    {
        var spans = new List<SpanData> { Span(1, null, offsetMs, offsetMs + rootMs, agent, "invoke_agent") };
        for (var i = 0; i < chatDurations.Length; i++)
        {
            var error = errorEvery > 0 && i % errorEvery == 0;
            spans.Add(Span(i + 2, 1, offsetMs, offsetMs + chatDurations[i], operation: "chat", attributes: error ? [("error.type", "timeout")] : []));
        }

        return TraceAnalyzer.Analyze(spans);
    }

    /// <summary>The exact nearest-rank percentile: the oracle the histogram is checked against.</summary>
    private static double Oracle(double[] sorted, double q) => sorted[(int)Math.Max(1, Math.Ceiling(q * sorted.Length)) - 1];

    [Fact]
    public void GetOperations_ManyDurationsOverSixDecades_PercentilesWithinTheDocumentedError()
    {
        var random = new Random(7);
        var durations = new double[20_000];
        for (var i = 0; i < durations.Length; i++)
        {
            // Log-uniform from 0.01 ms to 10 s, rounded to whole ticks as spans are.
            durations[i] = Math.Round(Math.Pow(10, -2 + (random.NextDouble() * 6)) * 10_000) / 10_000;
        }

        var statistics = new TraceStatistics();
        statistics.Add(Trace(0, 20_000, "A", durations));
        var chat = statistics.GetOperations().Single(o => o.Operation == "chat");

        var sorted = durations.Order().ToArray();
        Assert.Equal(durations.Length, chat.Count);
        foreach (var (q, actual) in new[] { (0.50, chat.P50Ms), (0.95, chat.P95Ms), (0.99, chat.P99Ms) })
        {
            var exact = Oracle(sorted, q);
            Assert.True(
                Math.Abs(actual - exact) <= (TraceStatistics.RelativeError * exact) + 1e-9,
                $"p{q * 100}: {actual} vs exact {exact}");
        }

        Assert.Equal(sorted[0], chat.MinMs);
        Assert.Equal(sorted[^1], chat.MaxMs);
    }

    [Fact]
    public void GetOperations_SingleValue_AllPercentilesAreThatValue()
    {
        var statistics = new TraceStatistics();
        statistics.Add(Trace(0, 100, "A", [42.5]));

        var chat = statistics.GetOperations().Single(o => o.Operation == "chat");

        Assert.Equal(42.5, chat.P50Ms);
        Assert.Equal(42.5, chat.P99Ms);
    }

    [Fact]
    public void GetOperations_TwoTracesTenSecondsApart_RateIsCountOverTheObservedWindow()
    {
        var statistics = new TraceStatistics();
        statistics.Add(Trace(0, 1000, "A", [100, 200, 300], errorEvery: 2));
        statistics.Add(Trace(9000, 1000, "A", [100]));

        var operations = statistics.GetOperations();

        Assert.Equal(2, statistics.TraceCount);
        Assert.Equal([("A", "chat"), ("A", "invoke_agent")], operations.Select(o => (o.Agent, o.Operation)));
        var chat = operations[0];
        Assert.Equal(4, chat.Count);
        Assert.Equal(2, chat.Errors);
        Assert.Equal(0.4, chat.RatePerSecond, 9);
        Assert.Equal(0.2, operations[1].RatePerSecond, 9);
    }

    [Fact]
    public void Add_UnfinishedSpans_AreSkipped()
    {
        var statistics = new TraceStatistics();
        statistics.Add(TraceAnalyzer.Analyze([Span(1, null, 0, 10, "A", "invoke_agent"), Span(2, 1, 1, null, operation: "chat")]));

        Assert.DoesNotContain(statistics.GetOperations(), o => o.Operation == "chat");
    }

    [Fact]
    public void Add_MoreKeysThanTheLimit_CountsTheRestUnderOverflow()
    {
        var statistics = new TraceStatistics(new TraceStatisticsOptions { MaxKeys = 3 });
        for (var i = 0; i < 10; i++)
        {
            statistics.Add(TraceAnalyzer.Analyze([Span(1, null, i, i + 1, "agent" + i, "invoke_agent")]));
        }

        var operations = statistics.GetOperations();

        Assert.Equal(4, operations.Count);
        var overflow = Assert.Single(operations, o => o.Agent == TraceStatistics.OverflowAgent);
        Assert.Equal(7, overflow.Count);
        Assert.Equal(10, operations.Sum(o => o.Count));
    }

    [Fact]
    public async Task Add_FromSeveralThreads_LosesNothing()
    {
        var statistics = new TraceStatistics();
        var analysis = Trace(0, 100, "A", [1, 2, 3, 4]);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(
            () =>
            {
                for (var i = 0; i < 500; i++)
                {
                    statistics.Add(analysis);
                }
            },
            TestContext.Current.CancellationToken)));

        Assert.Equal(2000, statistics.TraceCount);
        Assert.Equal(8000, statistics.GetOperations().Single(o => o.Operation == "chat").Count);
    }

    [Fact]
    public void Constructor_MaxKeysBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraceStatistics(new TraceStatisticsOptions { MaxKeys = 0 }));
    }

    [Fact]
    public void Add_KeyIdleLongerThanKeyIdleTimeout_RemovedAndCounted()
    {
        // The bug: keys were never expired, so agents that stopped appearing kept their place and histogram for ever.
        var statistics = new TraceStatistics(new TraceStatisticsOptions { KeyIdleTimeout = TimeSpan.FromMinutes(1) });
        statistics.Add(TraceAnalyzer.Analyze([Span(1, null, 0, 10, "Gone", "invoke_agent")]));
        statistics.Add(TraceAnalyzer.Analyze([Span(1, null, 30_000, 30_010, "Stays", "invoke_agent")]));
        Assert.Equal(2, statistics.GetOperations().Count);

        statistics.Add(TraceAnalyzer.Analyze([Span(1, null, 80_000, 80_010, "Stays", "invoke_agent")]));

        var operation = Assert.Single(statistics.GetOperations());
        Assert.Equal("Stays", operation.Agent);
        Assert.Equal(2, operation.Count);
        Assert.Equal(1, statistics.ExpiredKeys);
    }

    [Fact]
    public void Add_AtMaxKeysWithIdleKeys_NewKeyTakesAnExpiredPlaceInsteadOfOverflow()
    {
        var statistics = new TraceStatistics(new TraceStatisticsOptions { MaxKeys = 2, KeyIdleTimeout = TimeSpan.FromMinutes(1) });
        statistics.Add(TraceAnalyzer.Analyze([Span(1, null, 0, 10, "A", "invoke_agent")]));
        statistics.Add(TraceAnalyzer.Analyze([Span(1, null, 0, 10, "B", "invoke_agent")]));

        statistics.Add(TraceAnalyzer.Analyze([Span(1, null, 120_000, 120_010, "C", "invoke_agent")]));

        Assert.Equal(["C"], statistics.GetOperations().Select(o => o.Agent));
        Assert.Equal(2, statistics.ExpiredKeys);
    }

    [Fact]
    public void Constructor_KeyIdleTimeoutBelowOneSecond_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraceStatistics(new TraceStatisticsOptions { KeyIdleTimeout = TimeSpan.Zero }));
    }
}
