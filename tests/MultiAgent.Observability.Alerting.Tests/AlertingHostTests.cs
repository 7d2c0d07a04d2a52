using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Tests;

/// <summary>AddAlerting() in a host: the three overloads, rules over the real pipeline on a fake clock, health alerts, reload.</summary>
public sealed class AlertingHostTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

    private IHost Build(Action<IMultiAgentMonitoringBuilder> configure, IConfiguration? configuration = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        builder.Services.AddSingleton<TimeProvider>(_time);
        configure(builder.Services.AddMultiAgentMonitoring());
        return builder.Build();
    }

    private static AlertRuleGroup QueueGroup() => new()
    {
        Name = "agents",
        Rules =
        {
            new AlertRule
            {
                Name = "QueueHigh",
                Expression = "agent_queue_depth > 10",
                Severity = Severity.Critical,
                Annotations = { ["summary"] = "{{ $labels.agent_id }} has {{ $value }} queued" },
            },
        },
    };

    [Fact]
    public async Task AddAlerting_CodeRules_EvaluatedOnTimerOverPipeline()
    {
        using var host = Build(b => b.AddAlerting(o =>
        {
            o.Groups.Add(QueueGroup());
            o.AgentHealthAlerts = false;
        }));
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<IMetricRecorder>();
        var reader = host.Services.GetRequiredService<IMetricReader>();
        var engine = host.Services.GetRequiredService<IAlertEngine>();

        recorder.Record("planner", "agent_queue_depth", MetricKind.Gauge, 25);
        recorder.Record("coder", "agent_queue_depth", MetricKind.Gauge, 3);
        await reader.FlushAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        var alert = Assert.Single(engine.GetAlerts());
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal("planner", alert.AgentId);
        Assert.Equal("planner has 25 queued", alert.Annotations["summary"]);
        Assert.Equal(1, engine.GetStatistics().AlertsSent);
        await host.StopAsync();
    }

    [Fact]
    public async Task Evaluate_SteadyState_AllocatesNothingPerSeries()
    {
        using var host = Build(b => b.AddAlerting(o =>
        {
            o.AgentHealthAlerts = false;
            o.Groups.Add(new AlertRuleGroup
            {
                Name = "steady",
                Rules =
                {
                    new AlertRule { Name = "QueueHigh", Expression = "agent_queue_depth > 1000" },
                    new AlertRule { Name = "ToolRate", Expression = "rate(tool_calls_total[5m]) > 1000" },
                },
            });
        }));
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<IMetricRecorder>();
        for (var i = 0; i < 200; i++)
        {
            recorder.Record("agent-" + i, "agent_queue_depth", MetricKind.Gauge, i);
            recorder.Add("agent-" + i, "tool_calls", 1);
        }

        await host.Services.GetRequiredService<IMetricReader>().FlushAsync();
        var engine = host.Services.GetRequiredService<Alerting.Evaluation.AlertEngine>();
        var at = _time.GetUtcNow();
        engine.Evaluate("steady", at);

        var before = GC.GetAllocatedBytesForCurrentThread();
        engine.Evaluate("steady", at);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Empty(engine.GetAlerts());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddAlerting_Configuration_BindsGroupsAndRules()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerting:EvaluationInterval"] = "00:00:30",
            ["Alerting:Groups:0:Name"] = "agents",
            ["Alerting:Groups:0:Rules:0:Name"] = "QueueHigh",
            ["Alerting:Groups:0:Rules:0:Expression"] = "agent_queue_depth > 10",
            ["Alerting:Groups:0:Rules:0:For"] = "00:01:00",
            ["Alerting:Groups:0:Rules:0:Severity"] = "Critical",
            ["Alerting:Groups:0:Rules:0:Labels:team"] = "ai",
        }).Build();
        using var host = Build(b => b.AddAlerting(configuration.GetSection("Alerting")), configuration);
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value;
        var rule = Assert.Single(Assert.Single(options.Groups).Rules);
        Assert.Equal(TimeSpan.FromMinutes(1), rule.For);
        Assert.Equal(Severity.Critical, rule.Severity);
        Assert.Equal("ai", rule.Labels["team"]);

        host.Services.GetRequiredService<IMetricRecorder>().Record("planner", "agent_queue_depth", MetricKind.Gauge, 25);
        await host.Services.GetRequiredService<IMetricReader>().FlushAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(AlertState.Pending, host.Services.GetRequiredService<IAlertEngine>().GetAlerts().Single(a => a.Name == "QueueHigh").State);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddAlerting_InvalidRule_HostStartFailsWithEveryProblem()
    {
        using var host = Build(b => b.AddAlerting(o => o.Groups.Add(new AlertRuleGroup
        {
            Name = "bad",
            Rules =
            {
                new AlertRule { Name = "A", Expression = "rate(x_total) > 1" },
                new AlertRule { Name = "B b", Expression = "x > 1", Annotations = { ["s"] = "{{ oops }}" } },
            },
        })));

        var e = await Assert.ThrowsAsync<RuleValidationException>(() => host.StartAsync());
        Assert.Equal(3, e.Errors.Count);
        Assert.Contains(e.Errors, x => x.Field == "groups[0].rules[0].expr");
        Assert.Contains(e.Errors, x => x.Field == "groups[0].rules[1].alert");
        Assert.Contains(e.Errors, x => x.Field == "groups[0].rules[1].annotations.s");
    }

    [Fact]
    public async Task AddAlerting_InvalidOptions_FailAtStart()
    {
        using var host = Build(b => b.AddAlerting(o =>
        {
            o.EvaluationInterval = TimeSpan.Zero;
            o.Alertmanager.Url = new Uri("ftp://x/");
        }));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(2, e.Failures.Count());
    }

    [Fact]
    public async Task ReloadRules_BrokenFile_RefusedAndPreviousRulesKeepRunning()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mao-rules-").FullName, "rules.yaml");
        await File.WriteAllTextAsync(file, """
            groups:
              - name: agents
                rules:
                  - alert: QueueHigh
                    expr: agent_queue_depth > 10
            """);
        using var host = Build(b => b.AddAlerting(o => o.RuleFiles.Add(file)));
        await host.StartAsync();
        var engine = host.Services.GetRequiredService<IAlertEngine>();

        await File.WriteAllTextAsync(file, """
            groups:
              - name: agents
                rules:
                  - alert: QueueHigh
                    expr: agent_queue_depth >
            """);
        var e = Assert.Throws<RuleValidationException>(engine.ReloadRules);
        Assert.Equal(5, Assert.Single(e.Errors).Line);

        host.Services.GetRequiredService<IMetricRecorder>().Record("planner", "agent_queue_depth", MetricKind.Gauge, 25);
        await host.Services.GetRequiredService<IMetricReader>().FlushAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(AlertState.Firing, engine.GetAlerts().Single(a => a.Name == "QueueHigh").State);
        await host.StopAsync();
    }

    [Fact]
    public async Task AgentHealth_UnhealthyThenRecovered_AndStale_FireAndResolve()
    {
        using var host = Build(b => b.AddAlerting());
        await host.StartAsync();
        var registry = host.Services.GetRequiredService<IAgentRegistry>();
        var engine = host.Services.GetRequiredService<IAlertEngine>();
        var id = AgentId.Parse("planner");
        registry.Register(new AgentInfo(id));

        registry.ReportUnhealthy(id, "health check returned 503");
        var unhealthy = Assert.Single(engine.GetAlerts());
        Assert.Equal(("AgentUnhealthy", AlertState.Firing, Severity.Warning), (unhealthy.Name, unhealthy.State, unhealthy.Severity));
        Assert.Equal("health check returned 503", unhealthy.Annotations["reason"]);

        registry.Heartbeat(id);
        Assert.Equal(AlertState.Resolved, Assert.Single(engine.GetAlerts()).State);

        _time.Advance(TimeSpan.FromMinutes(10));
        registry.CheckStaleness();
        var down = engine.GetAlerts().Single(a => a.Name == "AgentDown");
        Assert.Equal((AlertState.Firing, Severity.Critical, "planner"), (down.State, down.Severity, down.AgentId));

        registry.Heartbeat(id);
        Assert.Equal(AlertState.Resolved, engine.GetAlerts().Single(a => a.Name == "AgentDown").State);
        await host.StopAsync();
    }

    [Fact]
    public void AddAlerting_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring().AddAlerting();
        services.AddMultiAgentMonitoring().AddAlerting(o => o.EvaluationInterval = TimeSpan.FromSeconds(15));

        Assert.Single(services, d => d.ServiceType == typeof(IAlertEngine));
        Assert.Single(services, d => d.ImplementationType == typeof(AlertingLifetime));
    }
}
