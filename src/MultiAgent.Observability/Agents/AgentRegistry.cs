using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability;

/// <summary>
/// The registry behind <see cref="IAgentRegistry"/>. Registration and heartbeats are rare next to samples,
/// so one lock keeps it simple; events are raised after the lock is released.
/// </summary>
internal sealed class AgentRegistry : IAgentRegistry
{
    private readonly Dictionary<AgentId, AgentRegistration> _agents = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly IOptionsMonitor<MultiAgentMonitoringOptions> _options;
    private readonly ILogger _logger;

    public AgentRegistry(TimeProvider timeProvider, IOptionsMonitor<MultiAgentMonitoringOptions> options, ILogger<AgentRegistry>? logger = null)
    {
        _timeProvider = timeProvider;
        _options = options;
        _logger = logger ?? NullLogger<AgentRegistry>.Instance;
    }

    public event EventHandler<AgentStatusChangedEventArgs>? StatusChanged;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _agents.Count;
            }
        }
    }

    public AgentRegistration Register(AgentInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Id.Value.Length == 0)
        {
            throw new ArgumentException("Agent id must not be empty (use AgentId.Parse).", nameof(info));
        }

        var options = _options.CurrentValue;
        ValidateLabels(info, options.MaxAgentLabels);
        var now = _timeProvider.GetUtcNow();
        AgentRegistration registration;
        AgentStatus? previous;
        lock (_lock)
        {
            if (_agents.TryGetValue(info.Id, out var existing))
            {
                previous = existing.Status;
                registration = existing with { Info = info, LastHeartbeat = now, Status = AgentStatus.Active, StatusReason = null };
            }
            else
            {
                if (_agents.Count >= options.MaxAgents)
                {
                    Log.RegistryFull(_logger, info.Id.Value, options.MaxAgents);
                    throw new InvalidOperationException(
                        $"Agent '{info.Id}' was not registered: the registry holds {options.MaxAgents} agents (MultiAgentMonitoringOptions.MaxAgents).");
                }

                previous = null;
                registration = new AgentRegistration { Info = info, RegisteredAt = now, LastHeartbeat = now, Status = AgentStatus.Active };
            }

            _agents[info.Id] = registration;
        }

        if (previous is null)
        {
            Log.AgentRegistered(_logger, info.Id.Value);
        }

        if (previous != AgentStatus.Active)
        {
            Raise(registration, previous);
        }

        return registration;
    }

    public bool Unregister(AgentId id)
    {
        AgentRegistration removed;
        lock (_lock)
        {
            if (!_agents.Remove(id, out removed!))
            {
                return false;
            }
        }

        Log.AgentUnregistered(_logger, id.Value);
        Raise(removed with { Status = AgentStatus.Unregistered, StatusReason = null }, removed.Status);
        return true;
    }

    public bool Heartbeat(AgentId id) => Update(id, AgentStatus.Active, null, touch: true);

    public bool ReportUnhealthy(AgentId id, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Update(id, AgentStatus.Unhealthy, reason, touch: false);
    }

    /// <summary>Marks an agent stale for a reason (collection: nothing succeeded for too long) until its next heartbeat.</summary>
    internal bool ReportStale(AgentId id, string reason) => Update(id, AgentStatus.Stale, reason, touch: false);

    public bool TryGet(AgentId id, out AgentRegistration registration)
    {
        lock (_lock)
        {
            return _agents.TryGetValue(id, out registration!);
        }
    }

    public IReadOnlyList<AgentRegistration> GetAll()
    {
        AgentRegistration[] all;
        lock (_lock)
        {
            all = [.. _agents.Values];
        }

        Array.Sort(all, static (a, b) => a.Info.Id.CompareTo(b.Info.Id));
        return all;
    }

    public int CheckStaleness()
    {
        var cutoff = _timeProvider.GetUtcNow() - _options.CurrentValue.StaleAfter;
        List<(AgentRegistration Now, AgentStatus Before)>? changed = null;
        lock (_lock)
        {
            foreach (var (id, agent) in _agents)
            {
                if (agent.Status != AgentStatus.Stale && agent.LastHeartbeat < cutoff)
                {
                    var stale = agent with { Status = AgentStatus.Stale, StatusReason = $"no heartbeat since {agent.LastHeartbeat:O}" };
                    (changed ??= []).Add((stale, agent.Status));
                }
            }

            if (changed is not null)
            {
                foreach (var (stale, _) in changed)
                {
                    _agents[stale.Info.Id] = stale;
                }
            }
        }

        if (changed is null)
        {
            return 0;
        }

        foreach (var (stale, before) in changed)
        {
            Log.AgentStale(_logger, stale.Info.Id.Value, stale.LastHeartbeat);
            Raise(stale, before);
        }

        return changed.Count;
    }

    private bool Update(AgentId id, AgentStatus status, string? reason, bool touch)
    {
        AgentRegistration updated;
        AgentStatus before;
        lock (_lock)
        {
            if (!_agents.TryGetValue(id, out var agent))
            {
                return false;
            }

            before = agent.Status;
            updated = agent with
            {
                Status = status,
                StatusReason = reason,
                LastHeartbeat = touch ? _timeProvider.GetUtcNow() : agent.LastHeartbeat,
            };
            _agents[id] = updated;
        }

        if (before != status)
        {
            if (status == AgentStatus.Unhealthy)
            {
                Log.AgentUnhealthy(_logger, id.Value, reason!);
            }

            Raise(updated, before);
        }

        return true;
    }

    private void Raise(AgentRegistration agent, AgentStatus? previous)
    {
        var handlers = StatusChanged;
        if (handlers is null)
        {
            return;
        }

        var args = new AgentStatusChangedEventArgs(agent, previous);
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<AgentStatusChangedEventArgs>)handler)(this, args);
            }
#pragma warning disable CA1031 // A subscriber's failure must not break the registry or other subscribers.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.StatusHandlerFailed(_logger, ex, agent.Info.Id.Value);
            }
        }
    }

    private static void ValidateLabels(AgentInfo info, int maxLabels)
    {
        if (info.Labels.Count > maxLabels)
        {
            throw new ArgumentException(
                $"Agent '{info.Id}' has {info.Labels.Count} labels; at most {maxLabels} are allowed (MultiAgentMonitoringOptions.MaxAgentLabels).",
                nameof(info));
        }

        foreach (var (name, value) in info.Labels)
        {
            if (PrometheusNaming.ValidateLabelName(name) is { } error)
            {
                throw new ArgumentException($"Agent '{info.Id}' label: {error}", nameof(info));
            }

            ArgumentNullException.ThrowIfNull(value, $"{nameof(info)}.Labels[{name}]");
        }
    }
}
