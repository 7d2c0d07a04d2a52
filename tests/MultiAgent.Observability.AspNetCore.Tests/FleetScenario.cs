using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.AspNetCore.Tests;

/// <summary>
/// A small realistic fleet on a <see cref="FakeTimeProvider"/>: four agents (one unhealthy, so <c>AgentUnhealthy</c>
/// fires; one that was unhealthy and recovered, so an alert is resolved), CPU and memory series, GenAI token and cost
/// series, and one planner → researchers → tool trace whose critical path runs through researcher-2.
/// </summary>
internal static class FleetScenario
{
    public const string Planner = "planner";
    public const string Researcher1 = "researcher-1";
    public const string Researcher2 = "researcher-2";
    public const string ToolRunner = "tool-runner";
    public const string TraceIdHex = "4bf92f3577b34da6a3ce929d0e0e4736";

    public static readonly string[] Agents = [Planner, Researcher1, Researcher2, ToolRunner];

    public static readonly DateTimeOffset Start = new(2026, 11, 29, 13, 0, 0, TimeSpan.Zero);

    public static Task<MonitoringHost> StartAsync(Action<IMultiAgentMonitoringBuilder>? configure = null, Action<Microsoft.AspNetCore.Builder.WebApplication>? map = null) =>
        MonitoringHost.StartAsync(
            (services, monitoring) =>
            {
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
                monitoring.AddAlerting().AddAgentTracing().AddAgentCollection(static o => o.HostMetrics = false);
                configure?.Invoke(monitoring);
            },
            map);

    public static async Task SeedAsync(MonitoringHost host)
    {
        var services = host.Services;
        var time = (FakeTimeProvider)services.GetRequiredService<TimeProvider>();
        var registry = services.GetRequiredService<IAgentRegistry>();
        var recorder = services.GetRequiredService<IMetricRecorder>();
        foreach (var agent in Agents)
        {
            registry.Register(new AgentInfo(AgentId.Parse(agent)));
        }

        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            for (var a = 0; a < Agents.Length; a++)
            {
                registry.Heartbeat(AgentId.Parse(Agents[a]));
                recorder.Record(Agents[a], "process_cpu_utilization_ratio", MetricKind.Gauge, 0.2 + (0.05 * a) + (0.03 * Math.Sin(i + a)));
                recorder.Record(Agents[a], "process_memory_utilization_ratio", MetricKind.Gauge, 0.35 + (0.02 * a) + (0.01 * i));
                recorder.Add(Agents[a], "agent_tasks_total", 1 + a);
            }
        }

        foreach (var (agent, input, output, cost) in new[] { (Planner, 1200.0, 300.0, 0.0125), (Researcher1, 5400.0, 900.0, 0.061), (Researcher2, 8100.0, 1500.0, 0.094) })
        {
            recorder.Record(agent, "gen_ai_client_token_usage", MetricKind.Histogram, input, [new("gen_ai_token_type", "input")]);
            recorder.Record(agent, "gen_ai_client_token_usage", MetricKind.Histogram, output, [new("gen_ai_token_type", "output")]);
            recorder.Add(agent, "multiagent_gen_ai_cost", cost, [new("currency", "USD")]);
        }

        registry.ReportUnhealthy(AgentId.Parse(ToolRunner), "tool sandbox restarted");
        registry.Heartbeat(AgentId.Parse(ToolRunner));
        registry.ReportUnhealthy(AgentId.Parse(Researcher2), "model endpoint timing out");
        AddTrace(services.GetRequiredService<ITraceStore>());
        await services.GetRequiredService<IMetricReader>().FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>planner.invoke 0..900 ms; researcher-1 100..400; researcher-2 100..850 (the critical path), which calls a tool 300..800.</summary>
    public static void AddTrace(ITraceStore store)
    {
        var traceId = ActivityTraceId.CreateFromString(TraceIdHex);
        var root = ActivitySpanId.CreateFromString("00f067aa0ba902b7");
        var r2 = ActivitySpanId.CreateFromString("00f067aa0ba902b9");
        store.Add(Span(traceId, root, default, "invoke_agent planner", Planner, 0, 900));
        store.Add(Span(traceId, ActivitySpanId.CreateFromString("00f067aa0ba902b8"), root, "invoke_agent researcher-1", Researcher1, 100, 400));
        store.Add(Span(traceId, r2, root, "invoke_agent researcher-2", Researcher2, 100, 850));
        store.Add(Span(traceId, ActivitySpanId.CreateFromString("00f067aa0ba902ba"), r2, "execute_tool web_search", ToolRunner, 300, 800));
    }

    private static SpanData Span(ActivityTraceId traceId, ActivitySpanId spanId, ActivitySpanId parent, string name, string agent, int startMs, int endMs) => new()
    {
        TraceId = traceId,
        SpanId = spanId,
        ParentSpanId = parent,
        Name = name,
        StartTime = Start.AddMilliseconds(startMs),
        EndTime = Start.AddMilliseconds(endMs),
        Attributes = [new(GenAIAttributes.AgentName, agent), new(GenAIAttributes.OperationName, name.Split(' ')[0])],
    };
}
