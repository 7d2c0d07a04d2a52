using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.AspNetCore.Tests;

public sealed class DashboardEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_SeededFleet_RendersAgentsAlertsWaterfallAndUsage()
    {
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);

        var html = await GetDashboardAsync(host);

        foreach (var agent in FleetScenario.Agents)
        {
            Assert.Contains($"data-agent-id=\"{agent}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-agent-id=\"researcher-2\" data-status=\"unhealthy\"", html, StringComparison.Ordinal);
        Assert.Contains("data-alert-name=\"AgentUnhealthy\" data-alert-state=\"firing\"", html, StringComparison.Ordinal);
        Assert.Contains("data-alert-name=\"AgentUnhealthy\" data-alert-state=\"resolved\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-waterfall=\"true\" data-trace-id=\"{FleetScenario.TraceIdHex}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-agent=\"researcher-2\" data-critical=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("data-agent=\"researcher-1\" data-critical=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"process_cpu_utilization_ratio\" data-points=\"12\"", html, StringComparison.Ordinal);
        Assert.Contains("data-tokens=\"9600\"", html, StringComparison.Ordinal);
        Assert.Contains("data-cost=\"0.094 USD\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_IsSelfContained_NoExternalReference_AndLockedDownByCsp()
    {
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);
        using var response = await host.Client.GetAsync(new Uri("dashboard", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_HostileLabelValueAndQuery_AreEncodedNotEchoed()
    {
        await using var host = await MonitoringHost.StartAsync();
        const string hostile = "<img src=x onerror=alert(1)>\"'&";
        host.Services.GetRequiredService<IMetricRecorder>().Record("probe", "probe_value", MetricKind.Gauge, 1, [new("note", hostile)]);
        await host.Services.GetRequiredService<IMetricReader>().FlushAsync(Ct);

        var html = await GetDashboardAsync(host, "dashboard?q=%3Cscript%3Eecho%3C%2Fscript%3E");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("echo", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HostWithoutAlertingOrTracing_SaysSoAndStillListsAgents()
    {
        await using var host = await MonitoringHost.StartAsync();
        host.Services.GetRequiredService<IAgentRegistry>().Register(new AgentInfo(AgentId.Parse("solo")));

        var html = await GetDashboardAsync(host);

        Assert.Contains("data-agent-id=\"solo\" data-status=\"active\"", html, StringComparison.Ordinal);
        Assert.Contains("Alerting is not added to this host.", html, StringComparison.Ordinal);
        Assert.Contains("Agent tracing is not added to this host.", html, StringComparison.Ordinal);
    }

    private static async Task<string> GetDashboardAsync(MonitoringHost host, string path = "dashboard")
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
