using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.AspNetCore.Tests;

public sealed class MetricsEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_NoAccept_ServesText004WithAgentIdLabel()
    {
        await using var host = await MonitoringHost.StartAsync();
        await RecordAsync(host);

        using var response = await host.Client.GetAsync(new Uri("metrics", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusExpositionWriter.PrometheusTextContentType, response.Content.Headers.ContentType!.ToString());
        Assert.Contains("# TYPE tasks_total counter", body, StringComparison.Ordinal);
        Assert.Contains("tasks_total{agent_id=\"planner\"} 3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PrometheusAccept_ServesOpenMetrics()
    {
        await using var host = await MonitoringHost.StartAsync();
        await RecordAsync(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

        using var response = await host.Client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusExpositionWriter.OpenMetricsContentType, response.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("# EOF\n", body, StringComparison.Ordinal);
        Assert.Contains("tasks_total{agent_id=\"planner\"} 3", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/html, application/xml;q=0.9")]
    [InlineData("text/plain;q=0")]
    [InlineData("application/openmetrics-text;version=0.0.1")]
    public async Task Get_UnsatisfiableAccept_Returns406ProblemWithoutEcho(string accept)
    {
        await using var host = await MonitoringHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await host.Client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"status\":406", body, StringComparison.Ordinal);
        Assert.DoesNotContain(accept, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/*")]
    [InlineData("*/*")]
    [InlineData("text/plain")]
    [InlineData("text/plain; version=0.0.4")]
    [InlineData("this is not a media range")]
    public async Task Get_AcceptAllowingText_Returns200Text(string accept)
    {
        await using var host = await MonitoringHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>Each negotiation rule through the endpoint: the header, then the content type served, or null for a 406.</summary>
    public static TheoryData<string?, string?> AcceptRules => new()
    {
        { null, PrometheusExpositionWriter.PrometheusTextContentType },
        { "*/*", PrometheusExpositionWriter.PrometheusTextContentType },
        { "application/openmetrics-text", PrometheusExpositionWriter.OpenMetricsContentType },
        { "text/plain;version=0.0.4;q=0.5,application/openmetrics-text;version=1.0.0;q=0.5", PrometheusExpositionWriter.OpenMetricsContentType },
        { "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5", PrometheusExpositionWriter.PrometheusTextContentType },
        { "application/openmetrics-text;version=0.0.1,text/plain;version=0.0.4;q=0.5", PrometheusExpositionWriter.PrometheusTextContentType },
        { "application/openmetrics-text;version=1.0.0;q=0", null },
        { "text/plain;q=0, */*", PrometheusExpositionWriter.OpenMetricsContentType },
        { "application/openmetrics-text;q=0, */*", PrometheusExpositionWriter.PrometheusTextContentType },
        { "application/json", null },
        { "text/plain;version=1.0.0", null },
        { "application/json;q=2", PrometheusExpositionWriter.PrometheusTextContentType },
        { ";;,=,q=x", PrometheusExpositionWriter.PrometheusTextContentType },
    };

    [Theory]
    [MemberData(nameof(AcceptRules))]
    public async Task Get_AcceptRule_NegotiatedFormatOr406(string? accept, string? contentType)
    {
        await using var host = await MonitoringHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(contentType is null ? HttpStatusCode.NotAcceptable : HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType ?? "application/problem+json", response.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task UnsupportedMethod_Returns405(string method)
    {
        await using var host = await MonitoringHost.StartAsync();

        foreach (var path in new[] { "metrics", "healthz", "readyz" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            using var response = await host.Client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }

    [Fact]
    public async Task Head_Metrics_Returns200WithContentType()
    {
        await using var host = await MonitoringHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Head, "metrics");

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Prefix_MapsEndpointsUnderIt_AndNotAtTheRoot()
    {
        await using var host = await MonitoringHost.StartAsync(map: app => app.MapMultiAgentMonitoring("/monitoring/"));

        using var prefixed = await host.Client.GetAsync(new Uri("monitoring/metrics", UriKind.Relative), Ct);
        using var root = await host.Client.GetAsync(new Uri("metrics", UriKind.Relative), Ct);
        using var unknown = await host.Client.GetAsync(new Uri("monitoring/nothing-here", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task RecordAsync(MonitoringHost host)
    {
        var recorder = host.Services.GetRequiredService<IMetricRecorder>();
        recorder.Add("planner", "tasks_total", 3);
        await host.Services.GetRequiredService<IMetricReader>().FlushAsync(Ct);
    }
}
