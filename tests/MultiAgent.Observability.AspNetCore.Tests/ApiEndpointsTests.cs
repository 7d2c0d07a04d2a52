using System.Net;
using System.Text.Json;

namespace MultiAgent.Observability.AspNetCore.Tests;

public sealed class ApiEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fleet_ListsEveryAgentWithStatus()
    {
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);

        using var json = await GetJsonAsync(host, "api/fleet");

        var agents = json.RootElement.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("status").GetString());
        Assert.Equal(FleetScenario.Agents.Order(StringComparer.Ordinal), agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Unhealthy", agents[FleetScenario.Researcher2]);
        Assert.Equal("Active", agents[FleetScenario.Planner]);
    }

    [Fact]
    public async Task HealthReport_HasAnEntryPerAgentAndCountsTheFiringAlert()
    {
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);

        using var json = await GetJsonAsync(host, "api/health-report");

        var ids = json.RootElement.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()).ToList();
        Assert.Superset(FleetScenario.Agents.ToHashSet(), ids.ToHashSet()!);
        Assert.Equal(1, json.RootElement.GetProperty("alerts").GetProperty("warning").GetInt32());
    }

    [Fact]
    public async Task Alerts_SplitsFiringAndResolved()
    {
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);

        using var json = await GetJsonAsync(host, "api/alerts");

        var firing = Assert.Single(json.RootElement.GetProperty("firing").EnumerateArray());
        Assert.Equal("AgentUnhealthy", firing.GetProperty("name").GetString());
        Assert.Equal("Firing", firing.GetProperty("state").GetString());
        Assert.Equal(FleetScenario.Researcher2, firing.GetProperty("labels").GetProperty("agent_id").GetString());
        var resolved = Assert.Single(json.RootElement.GetProperty("resolved").EnumerateArray());
        Assert.Equal(FleetScenario.ToolRunner, resolved.GetProperty("agentId").GetString());
        Assert.Empty(json.RootElement.GetProperty("pending").EnumerateArray());
    }

    [Fact]
    public async Task Traces_ListsTheTraceWithItsSummary()
    {
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);

        using var json = await GetJsonAsync(host, "api/traces");

        Assert.Equal(1, json.RootElement.GetProperty("tracesHeld").GetInt32());
        var trace = Assert.Single(json.RootElement.GetProperty("traces").EnumerateArray());
        Assert.Equal(FleetScenario.TraceIdHex, trace.GetProperty("traceId").GetString());
        Assert.Equal("invoke_agent planner", trace.GetProperty("rootName").GetString());
        Assert.Equal(900, trace.GetProperty("durationMs").GetDouble());
        Assert.Equal(4, trace.GetProperty("spanCount").GetInt32());
        Assert.Equal(FleetScenario.Agents.Order(StringComparer.Ordinal), trace.GetProperty("agents").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Trace_KnownId_ReturnsTheAnalysisWithItsCriticalPath()
    {
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);

        using var json = await GetJsonAsync(host, "api/traces/" + FleetScenario.TraceIdHex);

        Assert.Equal(FleetScenario.TraceIdHex, json.RootElement.GetProperty("traceId").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("spanCount").GetInt32());
        var pathAgents = json.RootElement.GetProperty("criticalPath").EnumerateArray()
            .Where(s => s.TryGetProperty("agent", out _)).Select(s => s.GetProperty("agent").GetString()).ToHashSet();
        Assert.Contains(FleetScenario.Researcher2, pathAgents);
        Assert.DoesNotContain(FleetScenario.Researcher1, pathAgents);
    }

    [Theory]
    [InlineData("4BF92F3577B34DA6A3CE929D0E0E4736")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e47366")]
    [InlineData("zzf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task Trace_InvalidId_Returns400ProblemWithoutEcho(string id)
    {
        await using var host = await FleetScenario.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("api/traces/" + id, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"title\":\"Invalid trace id\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.UnescapeDataString(id), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_UnknownId_Returns404Problem()
    {
        await using var host = await FleetScenario.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("api/traces/0af7651916cd43dd8448eb211c80319c", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"title\":\"Trace not found\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/fleet", "Agent collection")]
    [InlineData("api/health-report", "Alerting")]
    [InlineData("api/alerts", "Alerting")]
    [InlineData("api/traces", "Agent tracing")]
    [InlineData("api/traces/0af7651916cd43dd8448eb211c80319c", "Agent tracing")]
    public async Task OptionalFeatureMissing_Returns404NamingIt(string path, string feature)
    {
        await using var host = await MonitoringHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(feature + " (", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonApiAndDashboardOff_AreNotMapped_MetricsStillServed()
    {
        await using var host = await FleetScenario.StartAsync(static m => m.AddMonitoringEndpoints(static o =>
        {
            o.EnableJsonApi = false;
            o.EnableDashboard = false;
        }));

        foreach (var path in new[] { "api/fleet", "api/alerts", "api/traces", "dashboard" })
        {
            using var off = await host.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        }

        using var metrics = await host.Client.GetAsync(new Uri("metrics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Theory]
    [InlineData("POST", "api/fleet")]
    [InlineData("DELETE", "api/alerts")]
    [InlineData("PUT", "api/traces/4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("PATCH", "dashboard")]
    public async Task UnsupportedMethod_Returns405(string method, string path)
    {
        await using var host = await FleetScenario.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static async Task<JsonDocument> GetJsonAsync(MonitoringHost host, string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
    }
}
