using Microsoft.Extensions.Logging.Abstractions;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>The hand-off's speed measures: a last-in-first-out batch pool, the consumer's spin before it parks, and a drain that skips the history ring for samples newer ones overwrite.</summary>
public sealed class BatchHandOffTests
{
    [Fact]
    public void Pool_HandsOutTheLastReturnedBatchFirst_Emptied()
    {
        var pool = new BatchPool(4, timed: false);
        var batches = Enumerable.Range(0, 40).Select(_ => pool.Rent()).ToList();
        foreach (var batch in batches)
        {
            batch.Count = 3;
            pool.Return(batch);
        }

        for (var i = batches.Count - 1; i >= 0; i--)
        {
            var rented = pool.Rent();
            Assert.Same(batches[i], rented);
            Assert.Equal(0, rented.Count);
        }

        Assert.DoesNotContain(pool.Rent(), batches);
    }

    [Fact]
    public void Pool_TimedBatches_KeepATimePerSample()
    {
        Assert.Equal(4, new BatchPool(4, timed: true).Rent().Times?.Length);
        Assert.Null(new BatchPool(4, timed: false).Rent().Times);
    }

    [Fact]
    public void SpinForBatch_TrueOnlyWhileABatchWaits()
    {
        var queue = new BatchQueue(new AgentMetricsOptions { BatchSize = 4, Capacity = 16 }, NullLogger.Instance, timed: false);
        Assert.False(queue.SpinForBatch());

        var batch = queue.Rent();
        batch.Count = 4;
        Assert.True(queue.TryHandOff(batch));
        Assert.True(queue.SpinForBatch());
        Assert.Equal(4, queue.QueuedSamples);

        Assert.True(queue.TryTake(out _));
        Assert.False(queue.SpinForBatch());
        Assert.Equal(0, queue.QueuedSamples);
    }

    [Fact]
    public async Task Drain_FarBehind_SkipsHistoryForOverwrittenSamples_KeepsTheNewestInOrder()
    {
        await using var pipeline = PipelineFactory.Create(out _, o =>
        {
            o.HistoryCapacity = 10;
            o.BatchSize = 4;
        });
        var series = pipeline.GetSeries("agent-1", "cpu", MetricKind.Gauge);
        var release = new TaskCompletionSource();
        await pipeline.PauseConsumer(release.Task);

        // 25 samples: six full batches queued (0-23) and one partial batch (24) left in the producer's slot.
        var producer = new Thread(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                pipeline.Record(series, i);
            }
        });
        producer.Start();
        producer.Join();
        release.SetResult();
        await pipeline.FlushAsync();

        Assert.Equal(25, pipeline.GetStatistics().Aggregated);
        Assert.Equal(24, Assert.IsType<GaugeAggregate>(pipeline.GetAggregate(series)).Last);
        Assert.Equal(Enumerable.Range(15, 10).Select(i => (double)i), pipeline.GetHistory().Select(s => s.Value));

        // Batches 0-2 had 20, 16 and 12 samples queued behind them (>= 10): only 12-23 and 24 were written.
        Assert.Equal(13, pipeline.History.Written);
    }
}
