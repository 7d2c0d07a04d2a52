using System.Net;

namespace MultiAgent.Observability.AspNetCore.Tests;

public sealed class HealthEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_StartedHost_Returns200Healthy()
    {
        await using var host = await MonitoringHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("healthz", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Readyz_StartedHostWithCollection_Returns200Healthy()
    {
        await using var host = await MonitoringHost.StartAsync((_, monitoring) => monitoring.AddAgentCollection().AddAlerting().AddAgentTracing());

        using var response = await host.Client.GetAsync(new Uri("readyz", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }
}
