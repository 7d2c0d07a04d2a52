using MultiAgent.Observability.Collection;
using MultiAgent.Observability.Metrics;

namespace AgentFleet;

/// <summary>The metric families the simulated agents record (in process) or serve (remote).</summary>
internal static class FleetMetrics
{
    public const string Requests = "agent_requests";
    public const string RequestDuration = "agent_request_duration_seconds";
    public const string Latency = "agent_latency_seconds";
    public const string InboxDepth = "agent_inbox_depth";
    public const string Cpu = HostMetricNames.ProcessCpuUtilization;
    public const string Memory = HostMetricNames.ProcessMemoryUtilization;

    /// <summary>Declares help texts and the latency buckets before the first sample.</summary>
    public static void Describe(IMetricRecorder recorder)
    {
        recorder.Describe(new MetricDescription(Requests, MetricKind.Counter) { Help = "Messages handled, by outcome." });
        recorder.Describe(new MetricDescription(RequestDuration, MetricKind.Histogram)
        {
            Help = "Time to handle one message, calls to other agents included, in seconds.",
            Buckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        });
        recorder.Describe(new MetricDescription(Latency, MetricKind.Gauge) { Help = "Time the agent's own work on its last message took (calls to other agents excluded), in seconds." });
        recorder.Describe(new MetricDescription(InboxDepth, MetricKind.Gauge) { Help = "Messages waiting in the agent's inbox." });
    }
}
