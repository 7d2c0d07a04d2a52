using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// A span started by <see cref="DistributedTracing"/>: real W3C ids (random, never built from timestamps) and the link
/// to its parent. Pass <see cref="SpanId"/> to <see cref="DistributedTracing.FinishSpan"/>, and <see cref="Context"/>
/// to <see cref="DistributedTracing.StartSpan"/> or <see cref="AgentTraceContext.Inject(ActivityContext, IDictionary{string, string})"/>.
/// </summary>
public sealed class TraceSpanHandle
{
    internal TraceSpanHandle(ActivityContext context, ActivitySpanId parentSpanId, string operation, AgentId agentId)
    {
        Context = context;
        ParentSpanId = parentSpanId;
        Operation = operation;
        AgentId = agentId;
    }

    /// <summary>Gets the trace id.</summary>
    public ActivityTraceId TraceId => Context.TraceId;

    /// <summary>Gets the span id.</summary>
    public ActivitySpanId SpanId => Context.SpanId;

    /// <summary>Gets the parent span's id, or <see langword="default"/> for the root of a trace.</summary>
    public ActivitySpanId ParentSpanId { get; }

    /// <summary>Gets the span's context, for child spans and for propagation to other agents.</summary>
    public ActivityContext Context { get; }

    /// <summary>Gets the operation (the span's display name).</summary>
    public string Operation { get; }

    /// <summary>Gets the agent that runs the span (<c>gen_ai.agent.id</c>).</summary>
    public AgentId AgentId { get; }
}
