using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tests;

/// <summary>Invalid options must fail at host start, naming every bad field at once.</summary>
public sealed class MultiAgentMonitoringOptionsValidationTests
{
    [Fact]
    public async Task StartAsync_DefaultOptions_Starts()
    {
        using var host = BuildHost(static _ => { });

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, host.Services.GetRequiredService<IAgentRegistry>().Count);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartAsync_StaleAfterZero_ThrowsNamingStaleAfter()
    {
        using var host = BuildHost(static o => { o.StaleAfter = TimeSpan.Zero; o.StalenessCheckInterval = TimeSpan.Zero; });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(typeof(MultiAgentMonitoringOptions), ex.OptionsType);
        Assert.Contains(ex.Failures, f => f.Contains("StaleAfter", StringComparison.Ordinal) && f.Contains("at least 1 second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_MaxAgentsZero_ThrowsNamingMaxAgents()
    {
        using var host = BuildHost(static o => o.MaxAgents = 0);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("MaxAgents", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MaxAgentLabelsNegative_ThrowsNamingMaxAgentLabels()
    {
        using var host = BuildHost(static o => o.MaxAgentLabels = -1);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MaxAgentLabels", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_CheckIntervalLongerThanStaleAfter_ThrowsNamingStalenessCheckInterval()
    {
        using var host = BuildHost(static o => { o.StaleAfter = TimeSpan.FromSeconds(10); o.StalenessCheckInterval = TimeSpan.FromSeconds(11); });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("StalenessCheckInterval", failure, StringComparison.Ordinal);
        Assert.Contains("StaleAfter", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_CheckIntervalEqualToStaleAfter_Starts()
    {
        using var host = BuildHost(static o => { o.StaleAfter = TimeSpan.FromSeconds(10); o.StalenessCheckInterval = TimeSpan.FromSeconds(10); });

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(10), host.Services.GetRequiredService<IOptions<MultiAgentMonitoringOptions>>().Value.StalenessCheckInterval);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartAsync_SeveralInvalidFields_ReportsAllAtOnce()
    {
        using var host = BuildHost(static o =>
        {
            o.StaleAfter = TimeSpan.FromMilliseconds(500);
            o.StalenessCheckInterval = TimeSpan.FromMilliseconds(1);
            o.MaxAgents = 0;
            o.MaxAgentLabels = 2000;
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(4, ex.Failures.Count());
        foreach (var field in new[] { "StaleAfter", "StalenessCheckInterval", "MaxAgents", "MaxAgentLabels" })
        {
            Assert.Contains(ex.Failures, f => f.Contains(field, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartAsync_InvalidValueFromConfiguration_ThrowsNamingField()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MaxAgents"] = "0" })
            .Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring(configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MaxAgents", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    // Bug: StaleAfter = TimeSpan.MaxValue passed validation, then CheckStaleness threw on (now - StaleAfter)
    // and the staleness loop stopped the host at its first check.
    [Fact]
    public async Task StartAsync_StaleAfterOverflowingClockArithmetic_ThrowsAtStartInsteadOfStoppingHostLater()
    {
        using var host = BuildHost(static o => o.StaleAfter = TimeSpan.MaxValue);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("StaleAfter", failure, StringComparison.Ordinal);
        Assert.Contains("at most 365 days", failure, StringComparison.Ordinal);
    }

    // Bug: a StalenessCheckInterval longer than Task.Delay's limit (~49.7 days) passed validation, then the
    // staleness loop threw ArgumentOutOfRangeException and stopped the host.
    [Fact]
    public async Task StartAsync_StalenessCheckIntervalBeyondTimerLimit_ThrowsAtStartInsteadOfStoppingHostLater()
    {
        using var host = BuildHost(static o => { o.StaleAfter = TimeSpan.FromDays(100); o.StalenessCheckInterval = TimeSpan.FromDays(60); });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("StalenessCheckInterval", failure, StringComparison.Ordinal);
        Assert.Contains("longest timer", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_LargestAcceptedDurations_StartsAndKeepsRunning()
    {
        var interval = MultiAgentMonitoringOptionsCustomValidator.MaxStalenessCheckInterval;
        var time = new TimerSignalingTimeProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddMultiAgentMonitoring(o => { o.StaleAfter = TimeSpan.FromDays(365); o.StalenessCheckInterval = interval; });
        using var host = builder.Build();
        var ct = TestContext.Current.CancellationToken;
        await host.StartAsync(ct);
        var registry = host.Services.GetRequiredService<IAgentRegistry>();
        registry.Register(new AgentInfo(AgentId.Parse("a")));

        // The loop arms its timer, checks once at the limit, and arms it again: it survived both.
        await time.WaitForTimerAsync(interval, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        time.Advance(interval);
        await time.WaitForTimerAsync(interval, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(0, registry.CheckStaleness());
        await host.StopAsync(ct);
    }

    private static IHost BuildHost(Action<MultiAgentMonitoringOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring(configure);
        return builder.Build();
    }
}
