using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Health;
using MultiAgent.Observability.Alerting.Loading;
using MultiAgent.Observability.Alerting.Notifications;

namespace MultiAgent.Observability.Alerting;

/// <summary>
/// Runs the rules: loads them at start (an invalid rule fails the start), evaluates each group on its own
/// <see cref="TimeProvider"/> timer, follows the agent registry for the health alerts, and reloads on request
/// (a failed reload keeps the previous rules).
/// </summary>
internal sealed class AlertingService : IAlertEngine, IDisposable
{
    private readonly AlertEngine _engine;
    private readonly NotificationDispatcher _dispatcher;
    private readonly AlertingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IAgentRegistry? _registry;
    private readonly AlertingCounters _counters;
    private readonly Lock _timersLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private List<ITimer> _timers = [];
    private IReadOnlyList<CompiledGroup> _groups = [];

    public AlertingService(
        AlertEngine engine,
        NotificationDispatcher dispatcher,
        IOptions<AlertingOptions> options,
        TimeProvider timeProvider,
        AlertingCounters counters,
        ILogger<AlertingService> logger,
        IAgentRegistry? registry = null)
    {
        _engine = engine;
        _dispatcher = dispatcher;
        _options = options.Value;
        _timeProvider = timeProvider;
        _counters = counters;
        _logger = logger;
        _registry = registry;
    }

    /// <summary>Gets the loaded groups (the built-in health group included).</summary>
    public IReadOnlyList<CompiledGroup> Groups => Volatile.Read(ref _groups);

    public void Start()
    {
        Apply(RuleLoader.Load(_options));
        _dispatcher.Start(_stopping.Token);
        if (_registry is not null && _options.AgentHealthAlerts)
        {
            _registry.StatusChanged += OnStatusChanged;
            foreach (var agent in _registry.GetAll())
            {
                _engine.SetAgentStatus(agent.Info.Id.ToString(), agent.Status, agent.StatusReason);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_registry is not null)
        {
            _registry.StatusChanged -= OnStatusChanged;
        }

        DisposeTimers();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _dispatcher.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public IReadOnlyList<Alert> GetAlerts() => _engine.GetAlerts();

    public AlertingStatistics GetStatistics() => _counters.Snapshot();

    public void ReloadRules()
    {
        List<CompiledGroup> groups;
        try
        {
            groups = RuleLoader.Load(_options);
        }
        catch (RuleValidationException e)
        {
            Log.RulesRejected(_logger, string.Join("; ", e.Errors));
            throw;
        }

        Apply(groups);
    }

    /// <summary>Evaluates one group now (what its timer does).</summary>
    public void Evaluate(string group)
    {
        try
        {
            _engine.Evaluate(group, _timeProvider.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.GroupFailed(_logger, e, group);
        }
    }

    public void Dispose()
    {
        DisposeTimers();
        _stopping.Dispose();
        _dispatcher.Dispose();
    }

    private void Apply(List<CompiledGroup> groups)
    {
        if (_options.AgentHealthAlerts)
        {
            groups.Add(AgentHealthRules.Create(_options.EvaluationInterval));
        }

        _engine.Load(groups);
        Volatile.Write(ref _groups, groups);
        var timers = new List<ITimer>(groups.Count);
        foreach (var group in groups)
        {
            timers.Add(_timeProvider.CreateTimer(static state => ((Tick)state!).Run(), new Tick(this, group.Name), group.Interval, group.Interval));
        }

        lock (_timersLock)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers = timers;
        }

        var rules = 0;
        foreach (var group in groups)
        {
            rules += group.Rules.Count;
        }

        Log.RulesLoaded(_logger, groups.Count, rules);
    }

    private void DisposeTimers()
    {
        lock (_timersLock)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers = [];
        }
    }

    private void OnStatusChanged(object? sender, AgentStatusChangedEventArgs e)
    {
        var id = e.Agent.Info.Id.ToString();
        try
        {
            _engine.SetAgentStatus(id, e.Agent.Status, e.Agent.StatusReason);
            _engine.Evaluate(AgentHealthRules.GroupName, _timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.AgentHealthFailed(_logger, ex, id);
        }
    }

    private sealed class Tick(AlertingService owner, string group)
    {
        public void Run() => owner.Evaluate(group);
    }
}
