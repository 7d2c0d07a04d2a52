using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Loading;

namespace MultiAgent.Observability.Alerting.Tests;

/// <summary>An engine over a <see cref="FakeSeriesSource"/> with a sink that records every alert update, evaluated at chosen times.</summary>
internal sealed class EngineHarness : IAlertSink
{
    public EngineHarness(string yaml, AlertingOptions? options = null)
    {
        Options = options ?? new AlertingOptions();
        var errors = new List<RuleError>();
        Groups = RuleLoader.LoadFile("test.yaml", yaml, Options.EvaluationInterval, errors);
        Assert.Empty(errors);
        Engine = new AlertEngine(Source, Options, Logger, this, Counters);
        Engine.Load(Groups);
    }

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

    /// <summary>Evaluates the first group at <paramref name="at"/> (from the Unix epoch).</summary>
    public void Evaluate(TimeSpan at)
    {
        _now = at;
        Engine.Evaluate(Groups[0].Name, DateTimeOffset.UnixEpoch + at);
    }

    public Alert? Only(string? agent = null) => Engine.GetAlerts().SingleOrDefault(a => agent is null || a.AgentId == agent);

    public static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    public static NullLogger Null => NullLogger.Instance;
}
