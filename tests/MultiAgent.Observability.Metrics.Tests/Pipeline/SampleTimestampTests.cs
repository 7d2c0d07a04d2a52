using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>
/// How samples get their time: per batch with the system clock (a sample carries its batch's first sample's time,
/// and every tick takes the partial batches), per sample with any other clock.
/// </summary>
public sealed class SampleTimestampTests
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task PerBatch_SamplesOfOneBatch_CarryItsFirstSampleTime()
    {
        await using var pipeline = PipelineFactory.Create(out var time, stampsEverySample: false, o => o.MaxFlushDelay = FlushDelay);
        var series = pipeline.GetSeries("agent-1", "cpu", MetricKind.Gauge);
        pipeline.Record(series, 1);
        time.Advance(TimeSpan.FromMilliseconds(200));
        pipeline.Record(series, 2);
        await pipeline.FlushAsync();

        // The flush took the partial batch, so the next sample opens a new one with its own time.
        time.Advance(TimeSpan.FromMilliseconds(100));
        pipeline.Record(series, 3);
        await pipeline.FlushAsync();

        var start = PipelineFactory.Start;
        var recent = pipeline.GetRecentValues(series, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal([1.0, 2.0, 3.0], recent.Select(p => p.Value));
        Assert.Equal([start, start, start.AddMilliseconds(300)], recent.Select(p => p.Timestamp));
        Assert.Equal([start, start, start.AddMilliseconds(300)], pipeline.GetHistory().Select(s => s.Timestamp));
    }

    [Fact]
    public async Task PerBatch_TickTakesTheBatch_SoNoSampleIsStampedMoreThanOneFlushDelayEarly()
    {
        await using var pipeline = PipelineFactory.Create(out var time, stampsEverySample: false, o => o.MaxFlushDelay = FlushDelay);
        var series = pipeline.GetSeries("agent-1", "cpu", MetricKind.Gauge);
        var producer = new Thread(() => pipeline.Record(series, 1));
        producer.Start();
        producer.Join();
        var scanned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Consumer.Hooks = new ConsumerHooks { Scanned = () => scanned.TrySetResult() };

        // Only the tick (no flush) takes the batch the first sample opened.
        time.Advance(FlushDelay);
        await scanned.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, pipeline.GetStatistics().Aggregated);
        time.Advance(TimeSpan.FromMilliseconds(100));
        pipeline.Record(series, 2);
        await pipeline.FlushAsync();

        var recent = pipeline.GetRecentValues(series, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal([PipelineFactory.Start, PipelineFactory.Start.AddMilliseconds(600)], recent.Select(p => p.Timestamp));
    }

    [Fact]
    public async Task PerSample_FakeClock_EverySampleKeepsItsExactTime()
    {
        await using var pipeline = PipelineFactory.Create(out var time);
        var series = pipeline.GetSeries("agent-1", "cpu", MetricKind.Gauge);
        for (var i = 0; i < 3; i++)
        {
            pipeline.Record(series, i);
            time.Advance(TimeSpan.FromMilliseconds(7));
        }

        await pipeline.FlushAsync();

        var start = PipelineFactory.Start;
        var recent = pipeline.GetRecentValues(series, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal([start, start.AddMilliseconds(7), start.AddMilliseconds(14)], recent.Select(p => p.Timestamp));
    }
}
