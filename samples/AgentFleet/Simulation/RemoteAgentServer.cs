using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MultiAgent.Observability;

namespace AgentFleet.Simulation;

/// <summary>
/// An agent "in another process": its own small Kestrel server on 127.0.0.1 (free port) serving <c>/metrics</c> in the
/// Prometheus text format or as the JSON body, and <c>/healthz</c>. The host collects it like any remote agent.
/// Its numbers are a function of the time since it started, so nothing has to run between scrapes.
/// </summary>
internal sealed class RemoteAgentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FleetMember _member;
    private readonly TimeProvider _time;
    private readonly long _startedAt;

    private RemoteAgentServer(WebApplication app, FleetMember member, TimeProvider time)
    {
        _app = app;
        _member = member;
        _time = time;
        _startedAt = time.GetTimestamp();
    }

    public Uri MetricsEndpoint { get; private set; } = null!;

    public Uri HealthEndpoint { get; private set; } = null!;

    /// <summary>The registration that makes the host's collector scrape this agent.</summary>
    public AgentInfo Info => new(AgentId.Parse(_member.Id))
    {
        MetricsEndpoint = MetricsEndpoint,
        HealthEndpoint = HealthEndpoint,
        Labels = new Dictionary<string, string> { ["team"] = _member.Team, ["role"] = "remote" },
    };

    public static async Task<RemoteAgentServer> StartAsync(FleetMember member, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RemoteAgentServer(app, member, time);
        app.MapGet("/metrics", server.ServeMetricsAsync);
        app.MapGet("/healthz", static () => Results.Text("ok"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = new Uri(app.Urls.First());
        server.MetricsEndpoint = new Uri(address, "/metrics");
        server.HealthEndpoint = new Uri(address, "/healthz");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Task ServeMetricsAsync(HttpContext context)
    {
        var seconds = _time.GetElapsedTime(_startedAt).TotalSeconds;
        var requests = Math.Floor(seconds * 6);
        var errors = Math.Floor(seconds / 7);
        var latency = 0.08 + (0.03 * Math.Sin(seconds / 3));
        var cpu = 0.25 + (0.1 * Math.Sin(seconds / 5));
        var memory = 0.4;

        if (_member.Remote == RemoteFormat.Json)
        {
            context.Response.ContentType = "application/json";
            return WriteJsonAsync(context.Response, requests, errors, latency, cpu, memory);
        }

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        var text = new StringBuilder()
            .Append("# TYPE remote_requests_total counter\n")
            .Append(CultureInfo.InvariantCulture, $"remote_requests_total{{outcome=\"ok\"}} {requests - errors}\n")
            .Append(CultureInfo.InvariantCulture, $"remote_requests_total{{outcome=\"error\"}} {errors}\n")
            .Append(CultureInfo.InvariantCulture, $"# TYPE {FleetMetrics.Latency} gauge\n{FleetMetrics.Latency} {latency}\n")
            .Append(CultureInfo.InvariantCulture, $"# TYPE {FleetMetrics.Cpu} gauge\n{FleetMetrics.Cpu} {cpu}\n")
            .Append(CultureInfo.InvariantCulture, $"# TYPE {FleetMetrics.Memory} gauge\n{FleetMetrics.Memory} {memory}\n")
            .ToString();
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static async Task WriteJsonAsync(HttpResponse response, double requests, double errors, double latency, double cpu, double memory)
    {
        var writer = new Utf8JsonWriter(response.Body);
        await using var disposeWriter = writer.ConfigureAwait(false);
        writer.WriteStartObject();
        writer.WriteStartArray("metrics");
        WriteMetric(writer, "remote_requests_total", "counter", requests - errors, ("outcome", "ok"));
        WriteMetric(writer, "remote_requests_total", "counter", errors, ("outcome", "error"));
        WriteMetric(writer, FleetMetrics.Latency, "gauge", latency);
        WriteMetric(writer, FleetMetrics.Cpu, "gauge", cpu);
        WriteMetric(writer, FleetMetrics.Memory, "gauge", memory);
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteMetric(Utf8JsonWriter writer, string name, string type, double value, params (string Name, string Value)[] labels)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("type", type);
        writer.WriteNumber("value", value);
        writer.WriteStartObject("labels");
        foreach (var (labelName, labelValue) in labels)
        {
            writer.WriteString(labelName, labelValue);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
