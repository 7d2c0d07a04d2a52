using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>Builds pipelines on a fake clock for tests.</summary>
internal static class PipelineFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static MetricPipeline Create(out FakeTimeProvider time, Action<AgentMetricsOptions>? configure = null, ILogger<MetricPipeline>? logger = null)
    {
        time = new FakeTimeProvider(Start);
        var options = new AgentMetricsOptions();
        configure?.Invoke(options);
        return new MetricPipeline(Options.Create(options), time, logger);
    }

    /// <summary>Waits for a condition the pipeline reaches asynchronously; the time bound is a safety net, not the test's clock.</summary>
    public static void WaitUntil(Func<bool> condition) =>
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(30)), "condition not reached within 30 s");
}
