using System.Globalization;
using System.Text.Json;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

/// <summary>A real Prometheus scrapes our exposition (OpenMetrics by negotiation, and 0.0.4) and stores what we meant.</summary>
public sealed class PrometheusScrapeTests
{
    private const string EscapedNote = "quote \" back\\slash\nnewline";

    [Fact]
    public async Task RealPrometheus_ScrapesBothFormats_StoresValuesAndRawLabels()
    {
        Peers.Require("prometheus");
        var peers = FindPeersScript();
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Add("scraped-agent", "scrape_test_requests", 42, KeyValuePair.Create("route", "/a"));
        pipeline.Record("scraped-agent", "scrape_test_queue", MetricKind.Gauge, 2.5, KeyValuePair.Create("note", EscapedNote));
        foreach (var seconds in new[] { 0.2, 0.7, 3.0 })
        {
            pipeline.Record("scraped-agent", "scrape_test_duration_seconds", MetricKind.Histogram, seconds);
        }

        await pipeline.FlushAsync(ct);
        var targetPort = Peers.FreePort();
        using var server = new ExpositionHttpServer(pipeline, targetPort);
        var dir = Directory.CreateTempSubdirectory("mao-prometheus-");
        var config = Path.Combine(dir.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(
            config,
            $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: om
                metrics_path: /metrics
                static_configs: [{"{"} targets: ['127.0.0.1:{targetPort}'] {"}"}]
              - job_name: text
                metrics_path: /text
                static_configs: [{"{"} targets: ['127.0.0.1:{targetPort}'] {"}"}]
            """,
            ct);
        var promPort = Peers.FreePort();
        var (startCode, startOutput) = Peers.Run("bash", [peers, "start-prometheus", config, Path.Combine(dir.FullName, "data"), promPort.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(startCode == 0, $"Prometheus did not start: {startOutput}");
        var pidFile = startOutput.Trim().Split('\n')[^1];
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}/"), Timeout = TimeSpan.FromSeconds(5) };

            var up = await QueryUntilAsync(http, "up", 2, ct);
            Assert.All(up, r => Assert.Equal("1", r.Value));

            var requests = await QueryUntilAsync(http, "scrape_test_requests_total", 2, ct);
            Assert.Equal(["om", "text"], requests.Select(r => r.Labels["job"]).Order(StringComparer.Ordinal));
            Assert.All(requests, r =>
            {
                Assert.Equal("42", r.Value);
                Assert.Equal("scraped-agent", r.Labels["agent_id"]);
                Assert.Equal("/a", r.Labels["route"]);
            });

            var queue = await QueryUntilAsync(http, "scrape_test_queue", 2, ct);
            Assert.All(queue, r =>
            {
                Assert.Equal("2.5", r.Value);
                Assert.Equal(EscapedNote, r.Labels["note"]);
            });

            var count = await QueryUntilAsync(http, "scrape_test_duration_seconds_count", 2, ct);
            Assert.All(count, r => Assert.Equal("3", r.Value));
            var inf = await QueryUntilAsync(http, "scrape_test_duration_seconds_bucket{le=\"+Inf\"}", 2, ct);
            Assert.All(inf, r => Assert.Equal("3", r.Value));

            Assert.Contains(server.Served, s => s.Path == "/metrics" && s.Format == ExpositionFormat.OpenMetrics100);
            Assert.Contains(server.Served, s => s.Path == "/text" && s.Format == ExpositionFormat.PrometheusText004);
        }
        finally
        {
            Peers.Run("bash", [peers, "stop", pidFile]);
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Queries until the expected number of series is there; real time is bounded to 30 s because Prometheus is a real process.</summary>
    private static async Task<List<(Dictionary<string, string> Labels, string Value)>> QueryUntilAsync(HttpClient http, string query, int expected, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var last = new List<(Dictionary<string, string>, string)>();
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative), ct);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            last = [];
            foreach (var result in json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var label in result.GetProperty("metric").EnumerateObject())
                {
                    labels[label.Name] = label.Value.GetString()!;
                }

                last.Add((labels, result.GetProperty("value")[1].GetString()!));
            }

            if (last.Count >= expected)
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        Assert.Fail($"'{query}' returned {last.Count} series after 30 s, expected {expected}");
        return last;
    }

    private static string FindPeersScript()
    {
        var shared = Environment.GetEnvironmentVariable("MAO_SHARED_DIR") ?? Path.Combine(Peers.RepoRoot, "..", "shared");
        var script = Path.Combine(shared, "tools", "peers.sh");
        if (!File.Exists(script))
        {
            if (Peers.Required)
            {
                Assert.Fail($"MAO_REQUIRE_PEERS=1 but {script} does not exist (set MAO_SHARED_DIR)");
            }

            Assert.Skip($"{script} does not exist (set MAO_SHARED_DIR)");
        }

        return script;
    }
}
