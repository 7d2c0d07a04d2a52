using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>
/// A loopback HTTP server with one path per fault mode, and <c>/targets/{n}</c> serving a small 0.0.4 payload per
/// target for scale tests. Every request is counted by path.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    public const string TextPayload = "# HELP work_items_total Items done.\n# TYPE work_items_total counter\nwork_items_total{queue=\"a\"} 5\n# TYPE queue_depth gauge\nqueue_depth 3\n";
    public const string OpenMetricsPayload = "# TYPE work_items counter\nwork_items_total{queue=\"a\"} 7.0\nwork_items_created{queue=\"a\"} 1.6e9\n# TYPE queue_depth gauge\nqueue_depth 4.0\n# TYPE latency_seconds histogram\nlatency_seconds_bucket{le=\"0.1\"} 1\nlatency_seconds_bucket{le=\"+Inf\"} 2\nlatency_seconds_count 2\nlatency_seconds_sum 0.5\n# EOF\n";
    public const string JsonPayload = """{"metrics":[{"name":"tasks_completed","type":"counter","value":12,"labels":{"team":"blue"}},{"name":"cpu_load","value":0.25}]}""";

    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _hits = new();

    private FaultServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets or sets the text served at <c>/dynamic</c>.</summary>
    public string Dynamic { get; set; } = TextPayload;

    public static async Task<FaultServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FaultServer(app);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path.Value!, 1, static (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/text", () => Results.Text(TextPayload, "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/dynamic", () => Results.Text(Dynamic, "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/openmetrics", (HttpContext c) =>
            Results.Text(OpenMetricsPayload, c.Request.Headers.Accept.ToString().Contains("openmetrics", StringComparison.Ordinal) ? "application/openmetrics-text; version=1.0.0; charset=utf-8" : "text/plain"));
        app.MapGet("/json", () => Results.Text(JsonPayload, "application/json"));
        app.MapGet("/status/500", () => Results.StatusCode(500));
        app.MapGet("/hang", async (HttpContext c) =>
        {
            await c.Response.WriteAsync("# TYPE a gauge\n");
            await c.Response.Body.FlushAsync();
            await WaitForAbortAsync(c);
        });
        app.MapGet("/drip", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/plain";
            for (var i = 0; i < 10_000 && !c.RequestAborted.IsCancellationRequested; i++)
            {
                await c.Response.WriteAsync($"drip_{i} 1\n");
                await c.Response.Body.FlushAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
            }
        });
        app.MapGet("/big", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/plain";
            var line = Encoding.UTF8.GetBytes(new string('#', 1023) + "\n");
            for (var i = 0; i < 1024 && !c.RequestAborted.IsCancellationRequested; i++)
            {
                await c.Response.Body.WriteAsync(line);
            }
        });
        app.MapGet("/garbage", () => Results.Bytes(Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray(), "text/plain"));
        app.MapGet("/invalid-utf8", () => Results.Bytes([.. "bad_value{a=\""u8, 0xff, 0xfe, .. "\"} 1\n"u8], "text/plain"));
        app.MapGet("/wrong-type", () => Results.Text("<html>not metrics</html>", "text/html"));
        app.MapGet("/truncated-openmetrics", () => Results.Text("# TYPE a gauge\na 1\n", "application/openmetrics-text; version=1.0.0"));
        app.MapGet("/redirect-away", () => Results.Redirect("http://metrics.elsewhere.example/metrics"));
        app.MapGet("/redirect-home", () => Results.Redirect("/text"));
        app.MapGet("/health", () => Results.Ok());
        app.MapGet("/health/fail", () => Results.StatusCode(503));
        app.MapGet("/targets/{n:int}", (int n) => Results.Text($"# TYPE target_value gauge\ntarget_value{{n=\"{n}\"}} {n}\n# TYPE target_requests_total counter\ntarget_requests_total {n * 2}\n", "text/plain; version=0.0.4"));
    }

    private static async Task WaitForAbortAsync(HttpContext context)
    {
        var aborted = new TaskCompletionSource();
        using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
        await aborted.Task;
    }
}
