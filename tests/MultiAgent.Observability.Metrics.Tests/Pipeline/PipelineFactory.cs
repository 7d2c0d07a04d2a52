using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>Builds pipelines on a fake clock for tests.</summary>
internal static class PipelineFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static MetricPipeline Create(out FakeTimeProvider time, Action<AgentMetricsOptions>? configure = null, ILogger<MetricPipeline>? logger = null) =>
        Create(out time, stampsEverySample: true, configure, logger);

    /// <param name="time">The fake clock.</param>
    /// <param name="stampsEverySample">False to stamp samples per batch on the fake clock, as the system clock does.</param>
    /// <param name="configure">Changes to the default options.</param>
    /// <param name="logger">The logger, if any.</param>
    public static MetricPipeline Create(out FakeTimeProvider time, bool stampsEverySample, Action<AgentMetricsOptions>? configure = null, ILogger<MetricPipeline>? logger = null)
    {
        time = new FakeTimeProvider(Start);
        var options = new AgentMetricsOptions();
        configure?.Invoke(options);
        return new MetricPipeline(Options.Create(options), time, logger, stampsEverySample);
    }

    /// <summary>Holds the consumer before its next pass until <paramref name="until"/> completes, so a test can fill the buffer deterministically.</summary>
    /// <returns>A task that completes once the consumer is held.</returns>
    public static Task PauseConsumer(this MetricPipeline pipeline, Task until)
    {
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = 0;
        pipeline.Consumer.Hooks = new ConsumerHooks
        {
            BeforePass = () =>
            {
                if (Interlocked.Exchange(ref once, 1) != 0)
                {
                    return Task.CompletedTask;
                }

                paused.TrySetResult();
                return until;
            },
        };
        return paused.Task;
    }
}
