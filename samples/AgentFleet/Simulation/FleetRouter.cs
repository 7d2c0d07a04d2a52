using System.Diagnostics;
using MultiAgent.Observability.Tracing;

namespace AgentFleet.Simulation;

/// <summary>Delivers tasks between in-process agents, carrying the caller's trace context in the message headers.</summary>
internal sealed class FleetRouter(TimeProvider time)
{
    /// <summary>How long a caller waits for an answer before it gives up (a paused agent never answers in time).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1.5);

    private readonly Dictionary<string, InProcessAgent> _agents = new(StringComparer.Ordinal);

    public void Add(InProcessAgent agent) => _agents.Add(agent.Member.Id, agent);

    /// <summary>Sends a task to <paramref name="target"/> and waits for its answer: false on error, full inbox or timeout.</summary>
    public async Task<bool> CallAsync(string target, ActivityContext context, string conversationId, CancellationToken cancellationToken)
    {
        var message = new AgentMessage { ConversationId = conversationId };
        AgentTraceContext.Inject(context, message.Headers);
        if (!_agents.TryGetValue(target, out var agent) || !agent.TryDeliver(message))
        {
            return false;
        }

        try
        {
            return await message.Reply.Task.WaitAsync(CallTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
