using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>Scraping a real prometheus-node-exporter, and checking our parser against promtool on the same payload.</summary>
public sealed class NodeExporterTests
{
    private static readonly string PeersScript = Environment.GetEnvironmentVariable("MAO_PEERS_SH") ?? "/work/shared/tools/peers.sh";

    [Fact]
    public async Task Scrape_RealNodeExporter_EveryFamilyParsesAndLandsWithItsKind()
    {
        Peers.Require("prometheus-node-exporter");
        var promtool = Peers.Require("promtool");
        if (!File.Exists(PeersScript))
        {
            Assert.Skip($"{PeersScript} is missing (set MAO_PEERS_SH)");
        }

        var port = Peers.FreePort();
        var (code, output) = Peers.Run("bash", [PeersScript, "start-node-exporter", port.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(code == 0, output);
        var pidFile = output.Trim().Split('\n')[^1];
        try
        {
            await using var harness = new CollectionHarness();
            var options = new AgentCollectionOptions { RequestTimeout = TimeSpan.FromSeconds(30) };
            var scraper = new TargetScraper(harness.Services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, options);
            var url = new Uri($"http://127.0.0.1:{port}/metrics");
            var series = new TargetSeries(
                harness.Services.GetRequiredService<IMetricRecorder>(), harness.Services.GetRequiredService<IMetricSnapshotRecorder>(), "node", 100_000, TimeSpan.FromMinutes(5));

            var report = await scraper.ScrapeAsync(url, series, new ExpositionParser(), TestContext.Current.CancellationToken);
            await harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

            Assert.Equal(ScrapeOutcome.Success, report.Outcome);
            Assert.Equal(0, report.BadLines);
            // The one refusal: node-exporter serves gauge go_memstats_alloc_bytes and counter go_memstats_alloc_bytes_total,
            // which the pipeline would expose under one OpenMetrics family name; it refuses the counter and counts it.
            Assert.True(report.Refused == 0 || (report.Refused == 1 && report.FirstRefusal!.Contains("go_memstats_alloc_bytes", StringComparison.Ordinal)), report.FirstRefusal);
            Assert.True(report.Samples > 100, $"{report.Samples} samples");
            Assert.Equal(MetricKind.Counter, harness.Find("node", "node_cpu_seconds_total")!.Kind);
            Assert.Equal(MetricKind.Gauge, harness.Find("node", "node_memory_MemTotal_bytes")!.Kind);
            Assert.Equal(MetricKind.Summary, harness.Find("node", "go_gc_duration_seconds")!.Kind);
            Assert.Null(harness.Find("node", "go_gc_duration_seconds_count"));

            // The same payload through our parser and through promtool.
            using var http = new HttpClient();
            var payload = await http.GetByteArrayAsync(url, TestContext.Current.CancellationToken);
            var document = ExpositionDocument.Parse(payload, ExpositionFormat.PrometheusText004);

            // Every histogram and summary the target serves lands with its kind, and is exposed with its TYPE line and
            // its own sample names (no _total added to buckets or counts).
            var exposition = PrometheusExpositionWriter.Write(harness.Reader, ExpositionFormat.PrometheusText004);
            foreach (var family in document.Families.Where(f => f.Type is ExpositionMetricType.Histogram or ExpositionMetricType.Summary))
            {
                var kind = family.Type == ExpositionMetricType.Histogram ? MetricKind.Histogram : MetricKind.Summary;
                Assert.Equal(kind, harness.Find("node", family.Name)?.Kind);
                Assert.Contains($"# TYPE {family.Name} {kind.ToString().ToLowerInvariant()}\n", exposition, StringComparison.Ordinal);
                Assert.DoesNotContain($"{family.Name}_count_total", exposition, StringComparison.Ordinal);
                Assert.DoesNotContain($"{family.Name}_bucket_total", exposition, StringComparison.Ordinal);
            }

            Assert.Contains("go_gc_duration_seconds{agent_id=\"node\",quantile=\"0.5\"}", exposition, StringComparison.Ordinal);

            var file = Path.GetTempFileName();
            await File.WriteAllBytesAsync(file, payload, TestContext.Current.CancellationToken);
            var (lintCode, lint) = Peers.Run("bash", ["-c", $"'{promtool}' check metrics < '{file}'"]);
            File.Delete(file);

            // promtool exits 1 on a parse error and 3 on lint findings only; its findings name families.
            Assert.True(lintCode is 0 or 3, lint);
            Assert.DoesNotContain("error while linting", lint, StringComparison.Ordinal);
            var familyNames = document.Families.Select(f => f.Name).ToHashSet();
            foreach (var finding in lint.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.Contains(finding.Split(' ')[0], familyNames);
            }

            var declared = Encoding.UTF8.GetString(payload).Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).Distinct().Count();
            Assert.Equal(declared, document.Families.Count);
            Assert.Equal(0, document.Result.ErrorCount);
        }
        finally
        {
            Peers.Run("bash", [PeersScript, "stop", pidFile]);
        }
    }

    /// <summary>
    /// promtool 2.42 prints no family count, so the family-level comparison is with a real Prometheus: it scrapes the
    /// same node-exporter, and its metadata API lists every family it read with its type; ours must list the same.
    /// </summary>
    [Fact]
    public async Task Parse_NodeExporterPayload_FindsTheFamiliesAndTypesPrometheusFinds()
    {
        Peers.Require("prometheus-node-exporter");
        Peers.Require("prometheus");
        if (!File.Exists(PeersScript))
        {
            Assert.Skip($"{PeersScript} is missing (set MAO_PEERS_SH)");
        }

        var ct = TestContext.Current.CancellationToken;
        var exporterPort = Peers.FreePort();
        var (code, output) = Peers.Run("bash", [PeersScript, "start-node-exporter", exporterPort.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(code == 0, output);
        var exporterPid = output.Trim().Split('\n')[^1];
        var dir = Directory.CreateTempSubdirectory("mao-collection-prometheus-");
        string? prometheusPid = null;
        try
        {
            var config = Path.Combine(dir.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(
                config,
                $"global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: node\n    static_configs: [{{ targets: ['127.0.0.1:{exporterPort}'] }}]\n",
                ct);
            var promPort = Peers.FreePort();
            (code, output) = Peers.Run("bash", [PeersScript, "start-prometheus", config, Path.Combine(dir.FullName, "data"), promPort.ToString(CultureInfo.InvariantCulture)]);
            Assert.True(code == 0, output);
            prometheusPid = output.Trim().Split('\n')[^1];

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var payload = await http.GetByteArrayAsync(new Uri($"http://127.0.0.1:{exporterPort}/metrics"), ct);
            var ours = ExpositionDocument.Parse(payload, ExpositionFormat.PrometheusText004).Families
                .ToDictionary(f => f.Name, f => f.Type.ToString().ToLowerInvariant(), StringComparer.Ordinal);
            var theirs = await PrometheusMetadataAsync(http, new Uri($"http://127.0.0.1:{promPort}/api/v1/targets/metadata?match_target={{job=\"node\"}}"), ours.Count, ct);

            Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, type) in theirs)
            {
                Assert.True(type == ours[name], $"{name}: Prometheus says {type}, we say {ours[name]}");
            }
        }
        finally
        {
            if (prometheusPid is not null)
            {
                Peers.Run("bash", [PeersScript, "stop", prometheusPid]);
            }

            Peers.Run("bash", [PeersScript, "stop", exporterPid]);
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_CapturedNodeExporterPayload_HasEveryFamilyAndNoError()
    {
        var payload = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "node-exporter-1.5.txt"));

        var document = ExpositionDocument.Parse(payload, ExpositionFormat.PrometheusText004);

        Assert.Equal(0, document.Result.ErrorCount);
        Assert.Equal(283, document.Families.Count);
        Assert.Contains(document.Families, f => f.Type == ExpositionMetricType.Summary);
    }

    /// <summary>Reads Prometheus' metadata of the target until it has scraped it; real time is bounded to 30 s because Prometheus is a real process.</summary>
    private static async Task<Dictionary<string, string>> PrometheusMetadataAsync(HttpClient http, Uri url, int expected, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync(url, ct));
            families.Clear();
            foreach (var entry in json.RootElement.GetProperty("data").EnumerateArray())
            {
                families[entry.GetProperty("metric").GetString()!] = entry.GetProperty("type").GetString()!;
            }

            if (families.Count >= expected)
            {
                return families;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        return families;
    }
}
