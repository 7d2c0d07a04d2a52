using Microsoft.Extensions.Hosting;
using MultiAgent.Observability;
using MultiAgent.Observability.Metrics;

namespace QuickStart;

/// <summary>An in-process agent that serves fake requests for a while, recording its metrics and heartbeats.</summary>
internal sealed class SimulatedAgent(
    AgentInfo info,
    int seed,
    TimeSpan duration,
    IMetricRecorder recorder,
    IAgentRegistry registry,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan RequestInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.Register(info);
        var agent = info.Id.Value;

        // Hot path: resolve each series once, then record through the handle (no lock, no allocation).
        var requestsOk = recorder.GetSeries(agent, Metrics.Requests, MetricKind.Counter, KeyValuePair.Create("outcome", "ok"));
        var requestsError = recorder.GetSeries(agent, Metrics.Requests, MetricKind.Counter, KeyValuePair.Create("outcome", "error"));
        var latency = recorder.GetSeries(agent, Metrics.RequestDuration, MetricKind.Histogram);
        var tokensIn = recorder.GetSeries(agent, Metrics.Tokens, MetricKind.Counter, KeyValuePair.Create("direction", "input"));
        var tokensOut = recorder.GetSeries(agent, Metrics.Tokens, MetricKind.Counter, KeyValuePair.Create("direction", "output"));
        var queueDepth = recorder.GetSeries(agent, Metrics.QueueDepth, MetricKind.Gauge);

        // Seeded so every run tells a similar story; the exact counts still depend on timing.
        var random = new Random(seed);
        var depth = 0;
        var start = time.GetTimestamp();
        var lastHeartbeat = start;
        while (!stoppingToken.IsCancellationRequested && time.GetElapsedTime(start) < duration)
        {
            var failed = random.NextDouble() < 0.05;
            recorder.Add(failed ? requestsError : requestsOk, 1);
            recorder.Record(latency, 0.02 + (random.NextDouble() * random.NextDouble() * 1.5));
            recorder.Add(tokensIn, random.Next(200, 1_200));
            recorder.Add(tokensOut, failed ? 0 : random.Next(50, 600));

            depth = Math.Clamp(depth + random.Next(-2, 3), 0, 12);
            recorder.Record(queueDepth, depth);

            if (time.GetElapsedTime(lastHeartbeat) >= HeartbeatInterval)
            {
                registry.Heartbeat(info.Id);
                lastHeartbeat = time.GetTimestamp();
            }

            await Task.Delay(RequestInterval, time, stoppingToken).ConfigureAwait(false);
        }

        registry.Heartbeat(info.Id);
    }
}
