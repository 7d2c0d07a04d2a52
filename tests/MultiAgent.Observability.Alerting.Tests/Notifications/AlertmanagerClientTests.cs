using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Testing;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Notifications;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Alerting.Tests.Notifications;

/// <summary>The Alertmanager v2 client through the DI-built HTTP client with its resilience handler: against a stub and a real Alertmanager.</summary>
public sealed class AlertmanagerClientTests
{
    private static async Task WaitUntil(Func<bool> condition, Func<string>? describe = null)
    {
        // Waits for the delivery loop (another thread) to finish a POST; bounded, never a timed sleep.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, describe?.Invoke() ?? "timed out");
            await Task.Yield();
        }
    }

    private static (AlertmanagerClient Client, AlertingCounters Counters, FakeLogger Logger, ServiceProvider Services) Create(Uri url, int retries = 2)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMultiAgentMonitoring().AddAlerting(o =>
        {
            o.Alertmanager.Url = url;
            o.Alertmanager.MaxRetries = retries;
            o.Alertmanager.RetryDelay = TimeSpan.FromMilliseconds(1);
            o.ExternalUrl = new Uri("http://monitoring.example/");
        });
        var provider = services.BuildServiceProvider();
        var counters = new AlertingCounters();
        var logger = new FakeLogger();
        var options = new AlertmanagerOptions { Url = url, MaxRetries = retries };
        return (new AlertmanagerClient(provider.GetRequiredService<IHttpClientFactory>(), options, new Uri("http://monitoring.example/"), counters, logger), counters, logger, provider);
    }

    [Fact]
    public async Task PostAsync_Payload_MatchesOpenApiPostableAlerts()
    {
        using var server = new StubHttpServer();
        var (client, counters, _, services) = Create(server.Url);
        using var _ = services;
        var alert = TestAlerts.Make("High", "a1", endsAt: DateTimeOffset.UnixEpoch.AddMinutes(4));

        Assert.True(await client.PostAsync([alert], CancellationToken.None));

        var (path, contentType, body) = Assert.Single(server.Requests);
        Assert.Equal("/api/v2/alerts", path);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        var posted = JsonDocument.Parse(body).RootElement.EnumerateArray().Single();
        Assert.Equal(["annotations", "endsAt", "generatorURL", "labels", "startsAt"], posted.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("High", posted.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("1970-01-01T00:00:00.000Z", posted.GetProperty("startsAt").GetString());
        Assert.Equal("1970-01-01T00:04:00.000Z", posted.GetProperty("endsAt").GetString());
        Assert.Equal("http://monitoring.example/graph?g0.expr=x%20%3E%201&g0.tab=1", posted.GetProperty("generatorURL").GetString());
        Assert.Equal(1, counters.AlertmanagerDelivered);
    }

    [Fact]
    public async Task PostAsync_400_LoggedNotRetried()
    {
        using var server = new StubHttpServer((400, "{\"code\":400,\"message\":\"start time must be before end time\"}"));
        var (client, counters, logger, services) = Create(server.Url);
        using var _ = services;

        Assert.False(await client.PostAsync([TestAlerts.Make("High", "a1")], CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal(1, counters.AlertmanagerFailures);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 3020 && r.Message.Contains("start time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostAsync_503Then200_RetriedAndDelivered()
    {
        using var server = new StubHttpServer((503, "busy"), (500, "busy"));
        var (client, counters, _, services) = Create(server.Url);
        using var _ = services;

        Assert.True(await client.PostAsync([TestAlerts.Make("High", "a1")], CancellationToken.None));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(0, counters.AlertmanagerFailures);
    }

    [Fact]
    public async Task PostAsync_GarbageAnswer_LoggedAndCounted()
    {
        using var server = new StubHttpServer((200, "<html>proxy login</html>"));
        var (client, counters, logger, services) = Create(server.Url);
        using var _ = services;

        Assert.False(await client.PostAsync([TestAlerts.Make("High", "a1")], CancellationToken.None));

        Assert.Equal(1, counters.AlertmanagerFailures);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 3022);
    }

    [Fact]
    public async Task PostAsync_NobodyListening_FailsAfterRetriesWithoutThrowing()
    {
        var (client, counters, logger, services) = Create(new Uri($"http://127.0.0.1:{Peers.FreePort()}/"), retries: 1);
        using var _ = services;

        Assert.False(await client.PostAsync([TestAlerts.Make("High", "a1")], CancellationToken.None));

        Assert.Equal(1, counters.AlertmanagerFailures);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 3021);
    }

    [Fact]
    public async Task RealAlertmanager_FiringListedThenResolvedGone()
    {
        Peers.Require("prometheus-alertmanager");
        var port = Peers.FreePort();
        var data = Directory.CreateTempSubdirectory("mao-am-").FullName;
        var peers = "/work/shared/tools/peers.sh";
        if (!File.Exists(peers))
        {
            Peers.Require("peers.sh");
        }

        var (code, output) = Peers.Run("bash", [peers, "start-alertmanager", port.ToString(System.Globalization.CultureInfo.InvariantCulture), data]);
        Assert.True(code == 0, output);
        var pidfile = output.Trim().Split('\n')[^1];
        try
        {
            // End to end: the registry's status event fires AgentDown in the engine, the dispatcher posts it.
            var url = new Uri($"http://127.0.0.1:{port}/");
            // The fake clock runs a little behind Alertmanager's, so a resolution's endsAt is already past when it arrives.
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-3));
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<TimeProvider>(time);
            services.AddMultiAgentMonitoring().AddAlerting(o => o.Alertmanager.Url = url);
            await using var provider = services.BuildServiceProvider();
            var lifetime = provider.GetServices<IHostedService>().OfType<AlertingLifetime>().Single();
            await lifetime.StartAsync(CancellationToken.None);
            var registry = provider.GetRequiredService<IAgentRegistry>();
            var engine = provider.GetRequiredService<IAlertEngine>();
            var id = AgentId.Parse("planner");
            registry.Register(new AgentInfo(id));
            time.Advance(TimeSpan.FromMinutes(2));
            registry.CheckStaleness();

            await WaitUntil(() => engine.GetStatistics().AlertmanagerDelivered == 1, () => System.Text.Json.JsonSerializer.Serialize(engine.GetStatistics()) + string.Join(",", engine.GetAlerts().Select(a => a.Name + a.State)));
            using var http = new HttpClient();
            var listed = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, "api/v2/alerts"))).RootElement.EnumerateArray().ToList();
            var alert = Assert.Single(listed);
            Assert.Equal("AgentDown", alert.GetProperty("labels").GetProperty("alertname").GetString());
            Assert.Equal("planner", alert.GetProperty("labels").GetProperty("agent_id").GetString());
            Assert.Equal("critical", alert.GetProperty("labels").GetProperty("severity").GetString());
            Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
            Assert.Equal("Agent planner stopped sending heartbeats", alert.GetProperty("annotations").GetProperty("summary").GetString());
            Assert.Equal(engine.GetAlerts().Single(a => a.Name == "AgentDown").Fingerprint, alert.GetProperty("fingerprint").GetString());

            // The agent recovers: the resolution is sent at once with endsAt = resolvedAt, and Alertmanager drops it from its active list.
            registry.Heartbeat(id);
            await WaitUntil(() => engine.GetStatistics().AlertmanagerDelivered == 2, () => System.Text.Json.JsonSerializer.Serialize(engine.GetStatistics()) + string.Join(",", engine.GetAlerts().Select(a => a.Name + a.State)));
            var after = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, "api/v2/alerts?active=true"))).RootElement.EnumerateArray().ToList();
            Assert.Empty(after);
            Assert.Equal(0, engine.GetStatistics().AlertmanagerFailures);
            await lifetime.StopAsync(CancellationToken.None);
        }
        finally
        {
            Peers.Run("bash", [peers, "stop", pidfile]);
        }
    }
}
