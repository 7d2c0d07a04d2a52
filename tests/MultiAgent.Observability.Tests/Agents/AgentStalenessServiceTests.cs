using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace MultiAgent.Observability.Tests;

public sealed class AgentStalenessServiceTests
{
    // A safety net against a hung test only; correctness never depends on real time passing.
    private static readonly TimeSpan _safetyNet = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan _staleAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ExecuteAsync_TimeAdvancedPastStaleAfter_MarksAgentStale()
    {
        var time = new TimerSignalingTimeProvider();
        using var host = BuildHost(time);
        var ct = TestContext.Current.CancellationToken;
        await host.StartAsync(ct);
        var registry = host.Services.GetRequiredService<IAgentRegistry>();
        var stale = new TaskCompletionSource<AgentStatusChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.StatusChanged += (_, e) =>
        {
            if (e.Agent.Status == AgentStatus.Stale)
            {
                stale.TrySetResult(e);
            }
        };
        registry.Register(new AgentInfo(AgentId.Parse("agent-1")));
        await time.WaitForTimerAsync(_interval, ct).WaitAsync(_safetyNet, ct);

        time.Advance(_staleAfter + _interval);

        var change = await stale.Task.WaitAsync(_safetyNet, ct);
        Assert.Equal("agent-1", change.Agent.Info.Id.Value);
        Assert.Equal(AgentStatus.Active, change.PreviousStatus);
        Assert.True(registry.TryGet(AgentId.Parse("agent-1"), out var agent));
        Assert.Equal(AgentStatus.Stale, agent.Status);
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task ExecuteAsync_HeartbeatsKeepComing_AgentNeverStale()
    {
        var time = new TimerSignalingTimeProvider();
        using var host = BuildHost(time);
        var ct = TestContext.Current.CancellationToken;
        await host.StartAsync(ct);
        var registry = host.Services.GetRequiredService<IAgentRegistry>();
        var id = AgentId.Parse("agent-1");
        registry.Register(new AgentInfo(id));
        var changes = 0;
        registry.StatusChanged += (_, _) => Interlocked.Increment(ref changes);

        // Each round: the loop has armed its timer, time moves one interval, the loop checks and re-arms.
        for (var i = 0; i < 30; i++)
        {
            await time.WaitForTimerAsync(_interval, ct).WaitAsync(_safetyNet, ct);
            Assert.True(registry.Heartbeat(id));
            time.Advance(_interval);
        }

        await time.WaitForTimerAsync(_interval, ct).WaitAsync(_safetyNet, ct);
        Assert.True(registry.TryGet(id, out var agent));
        Assert.Equal(AgentStatus.Active, agent.Status);
        Assert.Equal(0, Volatile.Read(ref changes));
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task StopAsync_WhileWaiting_StopsPromptly()
    {
        var time = new TimerSignalingTimeProvider();
        using var host = BuildHost(time);
        var ct = TestContext.Current.CancellationToken;
        await host.StartAsync(ct);
        await time.WaitForTimerAsync(_interval, ct).WaitAsync(_safetyNet, ct);

        var stop = host.StopAsync(ct);

        await stop.WaitAsync(_safetyNet, ct);
        Assert.True(stop.IsCompletedSuccessfully);
    }

    // Bug: after a configuration reload with invalid values, reading the options in the staleness loop threw
    // OptionsValidationException, the loop ended and the host stopped.
    [Fact]
    public async Task ExecuteAsync_InvalidConfigurationReload_LogsAndKeepsHostRunningThenResumes()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["StaleAfter"] = "00:00:10", ["StalenessCheckInterval"] = "00:00:01" })
            .Build();
        var time = new TimerSignalingTimeProvider();
        var logs = new FakeLogCollector();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddMultiAgentMonitoring(configuration);
        using var host = builder.Build();
        var ct = TestContext.Current.CancellationToken;
        await host.StartAsync(ct);
        var registry = host.Services.GetRequiredService<IAgentRegistry>();
        var stale = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.StatusChanged += (_, e) =>
        {
            if (e.Agent.Status == AgentStatus.Stale)
            {
                stale.TrySetResult();
            }
        };
        registry.Register(new AgentInfo(AgentId.Parse("agent-1")));
        await time.WaitForTimerAsync(_interval, ct).WaitAsync(_safetyNet, ct);

        // The options monitor itself rethrows the validation failure to whoever triggers the reload.
        configuration["StaleAfter"] = "00:00:00";
        Assert.IsType<AggregateException>(Record.Exception(configuration.Reload));
        time.Advance(_interval);

        // The loop survived the failed check when it arms its next timer.
        await time.WaitForTimerAsync(_interval, ct).WaitAsync(_safetyNet, ct);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var skipped = Assert.Single(logs.GetSnapshot(), static r => r.Id.Id == 1007);
        Assert.Equal(LogLevel.Error, skipped.Level);
        Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(skipped.Exception);

        configuration["StaleAfter"] = "00:00:10";
        configuration.Reload();
        time.Advance(_staleAfter);

        await stale.Task.WaitAsync(_safetyNet, ct);
        Assert.True(registry.TryGet(AgentId.Parse("agent-1"), out var agent));
        Assert.Equal(AgentStatus.Stale, agent.Status);
        await host.StopAsync(ct);
    }

    private static IHost BuildHost(TimeProvider time)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(time);
        builder.Services.AddMultiAgentMonitoring(static o =>
        {
            o.StaleAfter = _staleAfter;
            o.StalenessCheckInterval = _interval;
        });
        return builder.Build();
    }
}
