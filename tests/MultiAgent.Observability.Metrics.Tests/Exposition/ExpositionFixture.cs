using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

/// <summary>A pipeline on a fake clock holding one of each metric kind, with labels and help that need escaping.</summary>
internal static class ExpositionFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static MetricPipeline CreatePipeline(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider(Start);
        return new MetricPipeline(Options.Create(new AgentMetricsOptions()), time);
    }

    /// <summary>Records the golden scenario and flushes.</summary>
    public static async Task<MetricPipeline> CreatePopulatedAsync(CancellationToken cancellationToken)
    {
        var pipeline = CreatePipeline(out var time);

        pipeline.Describe(new MetricDescription("agent_requests_total", MetricKind.Counter)
        {
            Help = "Requests handled, by outcome.\nA back\\slash and \"quotes\" in help.",
        });
        pipeline.Describe(new MetricDescription("agent_request_duration_seconds", MetricKind.Histogram)
        {
            Help = "Request duration in seconds.",
            Buckets = [0.005, 0.1, 1, 2.5, 1_000_000],
        });
        pipeline.Describe(new MetricDescription("agent_tokens", MetricKind.Summary)
        {
            Help = "Tokens per request.",
            Quantiles = [0.5, 0.9, 0.99],
        });
        pipeline.Describe(new MetricDescription("agent_described_only", MetricKind.Gauge) { Help = "Never recorded: not written." });

        // A summary whose window empties: its quantiles are NaN while _sum and _count stay.
        pipeline.Record("alpha", "agent_tokens", MetricKind.Summary, 100);
        time.Advance(TimeSpan.FromMinutes(11));

        // "action" sorts before agent_id, "outcome" after it.
        pipeline.Add("alpha", "agent_requests_total", 3, KeyValuePair.Create("outcome", "ok"), KeyValuePair.Create("action", "chat"));
        pipeline.Add("alpha", "agent_requests_total", 1, KeyValuePair.Create("outcome", "quote \" back\\slash\nnewline"), KeyValuePair.Create("action", "chat"));
        pipeline.Add("beta", "agent_requests_total", 0.5, KeyValuePair.Create("outcome", "ok"), KeyValuePair.Create("action", "plan"));

        // No help given: a generic one is written; the sample gets _total.
        pipeline.Add("beta", "tool_calls", 7, KeyValuePair.Create("tool", "search"));

        pipeline.Record("alpha", "agent_queue_depth", MetricKind.Gauge, 3);
        pipeline.Record("alpha", "agent_queue_depth", MetricKind.Gauge, 12.25);
        pipeline.Record("beta", "agent_queue_depth", MetricKind.Gauge, 1_234_567);
        pipeline.Record("gamma", "agent_queue_depth", MetricKind.Gauge, double.NaN);
        pipeline.Record("delta", "agent_queue_depth", MetricKind.Gauge, 0.00001);
        pipeline.Record("epsilon", "agent_queue_depth", MetricKind.Gauge, double.NegativeInfinity);

        foreach (var seconds in new[] { 0.001, 0.05, 0.05, 0.7, 2, 30 })
        {
            pipeline.Record("alpha", "agent_request_duration_seconds", MetricKind.Histogram, seconds, KeyValuePair.Create("model", "gpt-4o"));
        }

        for (var tokens = 1; tokens <= 100; tokens++)
        {
            pipeline.Record("beta", "agent_tokens", MetricKind.Summary, tokens);
        }

        await pipeline.FlushAsync(cancellationToken);
        return pipeline;
    }
}
