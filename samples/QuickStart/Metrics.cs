using MultiAgent.Observability.Metrics;

namespace QuickStart;

/// <summary>The metric families the agents record.</summary>
internal static class Metrics
{
    public const string Requests = "agent_requests";
    public const string RequestDuration = "agent_request_duration_seconds";
    public const string Tokens = "agent_tokens";
    public const string QueueDepth = "agent_queue_depth";

    /// <summary>Declares help texts and the latency buckets before the first sample (optional: the first sample declares a family otherwise).</summary>
    public static void Describe(IMetricRecorder recorder)
    {
        recorder.Describe(new MetricDescription(Requests, MetricKind.Counter) { Help = "Requests served, by outcome." });
        recorder.Describe(new MetricDescription(RequestDuration, MetricKind.Histogram)
        {
            Help = "Request latency in seconds.",
            Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5],
        });
        recorder.Describe(new MetricDescription(Tokens, MetricKind.Counter) { Help = "LLM tokens, by direction." });
        recorder.Describe(new MetricDescription(QueueDepth, MetricKind.Gauge) { Help = "Requests waiting." });
    }
}
