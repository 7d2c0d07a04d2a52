using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

public sealed class MetricPipelineTransportTests
{
    [Fact]
    public async Task Add_FourProducersConcurrently_ExactSumsAndAccounting()
    {
        await using var pipeline = PipelineFactory.Create(out _, o => o.FullBufferPolicy = FullBufferPolicy.Wait);
        var series = new MetricSeries[64];
        for (var i = 0; i < series.Length; i++)
        {
            series[i] = pipeline.GetSeries($"agent-{i / 4}", $"metric_{i % 4}", MetricKind.Counter, KeyValuePair.Create("label", "x"));
        }

        const int PerProducer = 256_000;
        var producers = Enumerable.Range(0, 4).Select(p => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < PerProducer; i++)
                {
                    pipeline.Add(series[(i + p) % series.Length], 1);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(producers);
        await pipeline.FlushAsync();

        var stats = pipeline.GetStatistics();
        Assert.Equal(4 * PerProducer, stats.Accepted);
        Assert.Equal(stats.Accepted, stats.Aggregated);
        Assert.Equal(0, stats.Dropped);
        var total = series.Sum(s => Assert.IsType<CounterAggregate>(pipeline.GetAggregate(s)).Value);
        Assert.Equal(4 * PerProducer, total);
        Assert.All(series, s => Assert.Equal(PerProducer * 4 / 64, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(s)).Value));
    }

    [Theory]
    [InlineData(FullBufferPolicy.DropNewest)]
    [InlineData(FullBufferPolicy.DropOldest)]
    public async Task FullBuffer_DropPolicies_DropWholeBatchesAndCountThem(FullBufferPolicy policy)
    {
        await using var pipeline = PipelineFactory.Create(out _, o =>
        {
            o.FullBufferPolicy = policy;
            o.BatchSize = 10;
            o.Capacity = 30;
        });
        var series = pipeline.GetSeries("agent-1", "sequence", MetricKind.Gauge);
        var release = new TaskCompletionSource();
        await pipeline.PauseConsumer(release.Task);

        // 5 full batches into a channel of 3: two batches are dropped, by the policy's choice.
        for (var i = 0; i < 50; i++)
        {
            pipeline.Record(series, i);
        }

        release.SetResult();
        await pipeline.FlushAsync();

        var stats = pipeline.GetStatistics();
        Assert.Equal(50, stats.Accepted);
        Assert.Equal(20, stats.Dropped);
        Assert.Equal(30, stats.Aggregated);
        var gauge = Assert.IsType<GaugeAggregate>(pipeline.GetAggregate(series));
        if (policy == FullBufferPolicy.DropNewest)
        {
            Assert.Equal(0, gauge.Min);
            Assert.Equal(29, gauge.Last);
        }
        else
        {
            Assert.Equal(20, gauge.Min);
            Assert.Equal(49, gauge.Last);
        }
    }

    [Fact]
    public async Task FullBuffer_Wait_BlocksProducerLosesNothing()
    {
        await using var pipeline = PipelineFactory.Create(out _, o =>
        {
            o.FullBufferPolicy = FullBufferPolicy.Wait;
            o.BatchSize = 10;
            o.Capacity = 20;
        });
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var release = new TaskCompletionSource();
        await pipeline.PauseConsumer(release.Task);
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Queue.Blocked = () => blocked.TrySetResult();

        var producer = Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 1_000; i++)
                {
                    pipeline.Add(series, 1);
                }
            },
            TaskCreationOptions.LongRunning);

        // Two batches fill the channel; the third hand-off blocks (on a dedicated thread) with 30 samples accepted.
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(30, pipeline.GetStatistics().Accepted);
        Assert.False(producer.IsCompleted);
        release.SetResult();
        await producer;
        await pipeline.FlushAsync();

        var stats = pipeline.GetStatistics();
        Assert.Equal(1_000, stats.Aggregated);
        Assert.Equal(0, stats.Dropped);
        Assert.Equal(1_000, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series)).Value);
    }

    [Fact]
    public async Task IdleProducer_SampleReachesAggregationAfterMaxFlushDelay()
    {
        await using var pipeline = PipelineFactory.Create(out var time, o => o.MaxFlushDelay = TimeSpan.FromMilliseconds(200));
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var producer = new Thread(() => pipeline.Add(series, 7));
        producer.Start();
        producer.Join();

        // Nothing asks the consumer to look before the delay elapses on the pipeline's clock.
        var scanned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Consumer.Hooks = new ConsumerHooks { Scanned = () => scanned.TrySetResult() };
        Assert.Equal(0, pipeline.GetStatistics().Aggregated);
        time.Advance(TimeSpan.FromMilliseconds(200));

        await scanned.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, pipeline.GetStatistics().Aggregated);
        Assert.Equal(7, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series)).Value);
    }

    [Fact]
    public async Task Stop_DrainsEveryAcceptedSampleThenRejects()
    {
        var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var producers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 10_001; i++)
                {
                    pipeline.Add(series, 1);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(producers);

        await pipeline.StopAsync();
        var stats = pipeline.GetStatistics();
        Assert.Equal(30_003, stats.Accepted);
        Assert.Equal(30_003, stats.Aggregated);
        Assert.Equal(30_003, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series)).Value);

        pipeline.Add(series, 1);
        Assert.Equal(1, pipeline.GetStatistics().Rejected);
        Assert.Equal(30_003, pipeline.GetStatistics().Accepted);
        await pipeline.DisposeAsync();
    }

    [Fact]
    public async Task ProducersRacingStop_AcceptedEqualsAggregated()
    {
        var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var started = Enumerable.Range(0, 2).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var producers = Enumerable.Range(0, 2).Select(p => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 200_000; i++)
                {
                    pipeline.Add(series, 1);
                    if (i == 1_000)
                    {
                        started[p].SetResult();
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        await pipeline.StopAsync();
        await Task.WhenAll(producers);

        var stats = pipeline.GetStatistics();
        Assert.Equal(stats.Accepted, stats.Aggregated);
        Assert.Equal(400_000, stats.Accepted + stats.Rejected);
        Assert.Equal(stats.Aggregated, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series)).Value);
        await pipeline.DisposeAsync();
    }

    [Fact]
    public async Task DeadProducerThreads_SlotsRetiredCountsKept()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        for (var t = 0; t < 20; t++)
        {
            var thread = new Thread(() => pipeline.Add(series, 1));
            thread.Start();
            thread.Join();
        }

        await pipeline.FlushAsync();
        await pipeline.FlushAsync();

        Assert.Equal(20, pipeline.GetStatistics().Accepted);
        Assert.Equal(20, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series)).Value);
    }

    [Fact]
    public async Task HandlePath_WarmProducer_AllocatesNothing()
    {
        await using var pipeline = PipelineFactory.Create(out _, o => o.FullBufferPolicy = FullBufferPolicy.Wait);
        var counter = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var gauge = pipeline.GetSeries("agent-1", "depth", MetricKind.Gauge);
        long allocated = -1;

        // One dedicated thread: its slot is registered once, during the warm-up. The warm-up runs with the consumer
        // held, so the batch pool and the channel's queue grow once to far more than the measured run needs.
        var release = new TaskCompletionSource();
        await pipeline.PauseConsumer(release.Task);
        var producer = new Thread(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                pipeline.Add(counter, 1);
            }

            release.SetResult();
            pipeline.FlushAsync().GetAwaiter().GetResult();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                pipeline.Add(counter, 1);
                pipeline.Record(gauge, i);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        producer.Start();
        producer.Join();
        await pipeline.FlushAsync();

        Assert.Equal(0, allocated);
        Assert.Equal(110_000, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(counter)).Value);
    }

    [Fact]
    public async Task SelfTelemetry_ReportsAcceptedOnTheLibraryMeter()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMultiAgentMonitoring().AddAgentMetrics();
        await using var provider = services.BuildServiceProvider();
        var telemetry = provider.GetRequiredService<PipelineTelemetry>();
        var recorder = provider.GetRequiredService<IMetricRecorder>();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var accepted = new MetricCollector<long>(meterFactory, PipelineTelemetry.MeterName, "multiagent.pipeline.samples.accepted");
        using var series = new MetricCollector<long>(meterFactory, PipelineTelemetry.MeterName, "multiagent.pipeline.series");

        recorder.Add("agent-1", "requests", 1);
        recorder.Add("agent-1", "requests", 1);
        recorder.Record("agent-2", "cpu", MetricKind.Gauge, 3);
        accepted.RecordObservableInstruments();
        series.RecordObservableInstruments();

        Assert.Equal(3, accepted.LastMeasurement!.Value);
        Assert.Equal(2, series.LastMeasurement!.Value);
        GC.KeepAlive(telemetry);
    }
}
