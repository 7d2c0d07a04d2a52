using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Loading;

namespace MultiAgent.Observability.Alerting.Tests;

/// <summary>An engine over a <see cref="FakeSeriesSource"/> with a sink that records every alert update, evaluated at chosen times.</summary>
internal sealed class EngineHarness : IAlertSink
{
    public EngineHarness(string yaml, AlertingOptions? options = null)
        : this(yaml, null, DateTimeOffset.UnixEpoch, options)
    {
    }

    /// <summary>An engine over <paramref name="source"/> (a pipeline's, say), evaluating at <paramref name="origin"/> + the given offsets.</summary>
    public EngineHarness(string yaml, IRuleSeriesSource? source, DateTimeOffset origin, AlertingOptions? options = null)
    {
        Options = options ?? new AlertingOptions();
        _origin = origin;
        var errors = new List<RuleError>();
        Groups = RuleLoader.LoadFile("test.yaml", yaml, Options.EvaluationInterval, errors);
        Assert.Empty(errors);
        Engine = new AlertEngine(source ?? Source, Options, Logger, this, Counters);
        Engine.Load(Groups);
    }

    private readonly DateTimeOffset _origin;

    public FakeSeriesSource Source { get; } = new();

    public AlertingOptions Options { get; }

    public AlertingCounters Counters { get; } = new();

    public FakeLogger Logger { get; } = new();

    public List<CompiledGroup> Groups { get; }

    public AlertEngine Engine { get; }

    public List<Alert> Sent { get; } = [];

    /// <summary>Gets the evaluation time (minutes) of each entry of <see cref="Sent"/>.</summary>
    public List<double> SentAt { get; } = [];

    private TimeSpan _now;

    public void Publish(Alert alert)
    {
        Sent.Add(alert);
        SentAt.Add(_now.TotalMinutes);
    }

    /// <summary>Evaluates the first group at <paramref name="at"/> (from the origin, by default the Unix epoch).</summary>
    public void Evaluate(TimeSpan at)
    {
        _now = at;
        Engine.Evaluate(Groups[0].Name, _origin + at);
    }

    /// <summary>Evaluates every group at <paramref name="at"/>.</summary>
    public void EvaluateAll(TimeSpan at)
    {
        _now = at;
        foreach (var group in Groups)
        {
            Engine.Evaluate(group.Name, _origin + at);
        }
    }

    /// <summary>Gets the names of the firing alerts.</summary>
    public List<string> Firing(string name) => [.. Engine.GetAlerts().Where(a => a.Name == name && a.State == AlertState.Firing).Select(a => a.AgentId ?? string.Empty)];

    public Alert? Only(string? agent = null) => Engine.GetAlerts().SingleOrDefault(a => agent is null || a.AgentId == agent);

    public static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    public static NullLogger Null => NullLogger.Instance;
}
