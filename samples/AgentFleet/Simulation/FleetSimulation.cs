using MultiAgent.Observability;
using MultiAgent.Observability.Metrics;

namespace AgentFleet.Simulation;

/// <summary>
/// Runs the in-process part of the fleet: every agent's inbox loop and heartbeat loop, and the planner starting a
/// new task every <see cref="TaskInterval"/> (at most <see cref="MaxTasksInFlight"/> at once).
/// </summary>
internal sealed class FleetSimulation
{
    public static readonly TimeSpan TaskInterval = TimeSpan.FromMilliseconds(150);
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);
    public const int MaxTasksInFlight = 4;

    private readonly List<InProcessAgent> _agents = [];
    private readonly InProcessAgent _planner;
    private readonly TimeProvider _time;

    public FleetSimulation(IMetricRecorder recorder, IAgentRegistry registry, TimeProvider time, SlowestTrace slowest)
    {
        _time = time;
        var router = new FleetRouter(time);
        var startedAt = time.GetTimestamp();
        var seed = 42;
        foreach (var member in Roster.Members)
        {
            if (member.IsRemote)
            {
                continue;
            }

            registry.Register(new AgentInfo(AgentId.Parse(member.Id))
            {
                Labels = new Dictionary<string, string> { ["team"] = member.Team, ["role"] = member.Role.ToString().ToLowerInvariant() },
            });
            var agent = new InProcessAgent(member, router, recorder, registry, time, slowest, startedAt, seed++);
            router.Add(agent);
            _agents.Add(agent);
        }

        _planner = _agents.Single(a => a.Member.Role == AgentRole.Planner);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is canceled, then waits for every loop and task to end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loops = new List<Task>();
        foreach (var agent in _agents)
        {
            loops.Add(agent.HeartbeatAsync(HeartbeatInterval, cancellationToken));
            loops.Add(agent.RunAsync(cancellationToken));
        }

        var tasks = new List<Task>();
        var sequence = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                tasks.RemoveAll(static t => t.IsCompleted);
                if (tasks.Count < MaxTasksInFlight)
                {
                    var message = new AgentMessage { ConversationId = "task-" + (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    tasks.Add(_planner.HandleAsync(message, cancellationToken));
                }

                await Task.Delay(TaskInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        await Task.WhenAll(tasks.Concat(loops)).ConfigureAwait(false);
    }
}
