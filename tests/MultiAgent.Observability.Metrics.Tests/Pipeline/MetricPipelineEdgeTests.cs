using Microsoft.Extensions.Logging.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>Regression tests for the pipeline's edges: each forces its interleaving through a seam, no timing involved.</summary>
public sealed class MetricPipelineEdgeTests
{
    /// <summary>The safety net for a wait that completes at once when the code is right; reaching it is the failure.</summary>
    private static readonly TimeSpan Never = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stop_ProducerMidWriteWithNothingPending_SampleAggregatedNotLost()
    {
        var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);

        // A producer that read "not stopping" and is between the check and its write: every slot still looks empty.
        var slot = pipeline.RecordPath.CurrentSlot()!;
        Volatile.Write(ref slot.InRecord, 1);
        var sealRaised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Consumer.Hooks = new ConsumerHooks { SealRaised = () => sealRaised.TrySetResult() };

        var stop = pipeline.StopAsync();
        await Task.WhenAny(stop, sealRaised.Task).WaitAsync(Never);
        pipeline.RecordPath.Write(slot, series.Index, SampleOp.Add, 1);
        await stop.WaitAsync(Never);

        var stats = pipeline.GetStatistics();
        Assert.Equal(1, stats.Accepted);
        Assert.Equal(1, stats.Aggregated);
        Assert.Equal(0, stats.InFlight);
        Assert.Equal(1, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series)).Value);
        await pipeline.DisposeAsync();
    }

    [Fact]
    public async Task FlushAsync_AfterConsumerFinalPassBeforeItsTaskEnds_CompletesAtOnce()
    {
        var pipeline = PipelineFactory.Create(out _);
        pipeline.Add("agent-1", "requests", 1);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Consumer.Hooks = new ConsumerHooks
        {
            Finished = () =>
            {
                finished.TrySetResult();
                return release.Task;
            },
        };

        var stop = pipeline.StopAsync();
        await finished.Task.WaitAsync(Never);
        var flush = pipeline.FlushAsync();

        Assert.True(flush.IsCompletedSuccessfully, "a flush after the consumer's final pass must complete with its final state");
        Assert.Equal(1, pipeline.GetStatistics().Aggregated);
        release.SetResult();
        await stop.WaitAsync(Never);
        await pipeline.DisposeAsync();
    }

    [Fact]
    public async Task FlushAsync_RacingStop_AlwaysCompletes()
    {
        // Bounded stress in addition to the seam test above: 200 stops, each raced by flushes from two threads.
        for (var round = 0; round < 200; round++)
        {
            var pipeline = PipelineFactory.Create(out _, o => o.BatchSize = 4);
            var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
            for (var i = 0; i < round % 7; i++)
            {
                pipeline.Add(series, 1);
            }

            var flushes = new[] { Task.Run(() => pipeline.FlushAsync()), Task.Run(() => pipeline.FlushAsync()) };
            var stop = pipeline.StopAsync();
            await Task.WhenAll(flushes).WaitAsync(Never);
            await stop.WaitAsync(Never);
            Assert.Equal(0, pipeline.GetStatistics().InFlight);
            await pipeline.DisposeAsync();
        }
    }

    [Fact]
    public async Task Record_AfterDisposeFromThreadThatNeverRecorded_CountedAsRejectedNeverThrows()
    {
        var logger = new FakeLogger<MetricPipeline>();
        var pipeline = PipelineFactory.Create(out _, logger: logger);
        var counter = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var gauge = pipeline.GetSeries("agent-1", "depth", MetricKind.Gauge);
        await pipeline.DisposeAsync();

        Exception? thrown = null;
        var late = new Thread(() =>
        {
            try
            {
                pipeline.Add(counter, 1);
                pipeline.Record(gauge, 2);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }
        });
        late.Start();
        late.Join();

        Assert.Null(thrown);
        var stats = pipeline.GetStatistics();
        Assert.Equal(2, stats.Rejected);
        Assert.Equal(0, stats.Accepted);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 2005);
    }

    [Fact]
    public async Task GetSeries_UniqueNamesPastTheCap_NoFamilyCreatedEachCountedLoggedOnce()
    {
        var logger = new FakeLogger<MetricPipeline>();
        await using var pipeline = PipelineFactory.Create(out _, o => o.MaxSeries = 3, logger);
        for (var i = 0; i < 3; i++)
        {
            pipeline.GetSeries("agent-1", $"kept_{i}", MetricKind.Counter);
        }

        for (var i = 0; i < 1_000; i++)
        {
            Assert.False(pipeline.GetSeries("agent-1", $"unique_{i}", MetricKind.Gauge).IsValid);
            pipeline.Add("agent-1", $"unique_counter_{i}", 1);
        }

        Assert.Equal(3, pipeline.ListFamilies().Count);
        var stats = pipeline.GetStatistics();
        Assert.Equal(3, stats.SeriesCount);
        Assert.Equal(2_000, stats.SeriesRefused);
        Assert.Equal(1_000, stats.Rejected);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 2001);
    }

    [Fact]
    public async Task Describe_PastTheCap_FamilyRefusedAndCounted()
    {
        await using var pipeline = PipelineFactory.Create(out _, o => o.MaxSeries = 2);
        for (var i = 0; i < 5; i++)
        {
            pipeline.Describe(new MetricDescription($"declared_{i}", MetricKind.Gauge));
        }

        Assert.Equal(["declared_0", "declared_1"], pipeline.ListFamilies().Select(f => f.Name));
        Assert.Equal(3, pipeline.GetStatistics().SeriesRefused);
    }

    [Fact]
    public async Task FullBuffer_WaitOnThreadPoolProducers_PoolKeepsRunningBatchesDroppedAndCounted()
    {
        var logger = new FakeLogger<MetricPipeline>();
        await using var pipeline = PipelineFactory.Create(
            out _,
            o =>
            {
                o.FullBufferPolicy = FullBufferPolicy.Wait;
                o.BatchSize = 10;
                o.Capacity = 20;
            },
            logger);
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var release = new TaskCompletionSource();
        await pipeline.PauseConsumer(release.Task);

        // More pool producers than cores, each far past the buffer, while the consumer is held: under the old
        // behaviour every one of them blocked its pool thread until the consumer came back.
        var producerCount = Environment.ProcessorCount * 4;
        var producers = Enumerable.Range(0, producerCount).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                pipeline.Add(series, 1);
            }
        })).ToArray();
        await Task.WhenAll(producers).WaitAsync(Never);
        var unrelated = await Task.Run(() => 42).WaitAsync(Never);

        Assert.Equal(42, unrelated);
        Assert.False(release.Task.IsCompleted);
        release.SetResult();
        await pipeline.FlushAsync();
        var stats = pipeline.GetStatistics();
        Assert.Equal(producerCount * 1_000, stats.Accepted);
        Assert.True(stats.Dropped > 0, "the pool producers' overflow is dropped, not blocked on");
        Assert.Equal(stats.Accepted, stats.Aggregated + stats.Dropped);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 2004);
    }
}
