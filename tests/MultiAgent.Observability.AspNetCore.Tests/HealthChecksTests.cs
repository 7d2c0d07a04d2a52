using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MultiAgent.Observability.AspNetCore.Health;

namespace MultiAgent.Observability.AspNetCore.Tests;

public sealed class HealthChecksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FleetChecks_UnhealthyAgentAndWarningAlert_AreDegraded_AndReadinessIgnoresThem()
    {
        await using var host = await FleetScenario.StartAsync(map: static app =>
        {
            app.MapMultiAgentMonitoring();
            app.MapHealthChecks("/health/fleet", new() { Predicate = static c => c.Tags.Contains(MonitoringHealthChecks.FleetTag) });
        });
        await FleetScenario.SeedAsync(host);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        using var fleet = await host.Client.GetAsync(new Uri("health/fleet", UriKind.Relative), Ct);
        using var ready = await host.Client.GetAsync(new Uri("readyz", UriKind.Relative), Ct);

        Assert.Equal(HealthStatus.Degraded, report.Entries[MonitoringHealthChecks.AgentsCheck].Status);
        Assert.Equal("Unhealthy", report.Entries[MonitoringHealthChecks.AgentsCheck].Data[FleetScenario.Researcher2]);
        Assert.Equal(HealthStatus.Degraded, report.Entries[MonitoringHealthChecks.AlertsCheck].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[MonitoringHealthChecks.ReadyCheck].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[MonitoringHealthChecks.LiveCheck].Status);
        Assert.Equal("Degraded", await fleet.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task AgentsCheck_NoAgentActive_IsUnhealthy()
    {
        await using var host = await MonitoringHost.StartAsync();
        var registry = host.Services.GetRequiredService<IAgentRegistry>();
        registry.Register(new AgentInfo(AgentId.Parse("only")));
        registry.ReportUnhealthy(AgentId.Parse("only"), "down");

        var result = await new AgentsHealthCheck(registry).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Readiness_BeforeStart_WhenStopping_AndWithAFailedLoop_IsUnhealthy_AFinishedLoopIsNot()
    {
        using var lifetime = new TestLifetime();
        using var failed = new FailedService();
        using var finished = new FinishedService();
        await failed.StartAsync(Ct);
        await finished.StartAsync(Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.ExecuteTask!);
        await finished.ExecuteTask!;

        var beforeStart = await new ReadinessHealthCheck(lifetime, [finished]).CheckHealthAsync(new HealthCheckContext(), Ct);
        lifetime.Started.Cancel();
        var withFinished = await new ReadinessHealthCheck(lifetime, [finished]).CheckHealthAsync(new HealthCheckContext(), Ct);
        var withFailed = await new ReadinessHealthCheck(lifetime, [finished, failed]).CheckHealthAsync(new HealthCheckContext(), Ct);
        lifetime.Stopping.Cancel();
        var stopping = await new ReadinessHealthCheck(lifetime, [finished]).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Unhealthy, beforeStart.Status);
        Assert.Equal(HealthStatus.Healthy, withFinished.Status);
        Assert.Equal("finished", withFinished.Data[nameof(FinishedService)]);
        Assert.Equal(HealthStatus.Unhealthy, withFailed.Status);
        Assert.Equal("failed", withFailed.Data[nameof(FailedService)]);
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
    }

    private sealed class FinishedService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }

    private sealed class FailedService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.FromException(new InvalidOperationException("the loop died"));
    }

    private sealed class TestLifetime : IHostApplicationLifetime, IDisposable
    {
        public CancellationTokenSource Started { get; } = new();

        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => Started.Token;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();

        public void Dispose()
        {
            Started.Dispose();
            Stopping.Dispose();
        }
    }
}
