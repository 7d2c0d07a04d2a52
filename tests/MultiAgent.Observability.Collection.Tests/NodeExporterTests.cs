using System.Text;
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
        var (code, output) = Peers.Run("bash", [PeersScript, "start-node-exporter", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
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

    [Fact]
    public void Parse_CapturedNodeExporterPayload_HasEveryFamilyAndNoError()
    {
        var payload = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "node-exporter-1.5.txt"));

        var document = ExpositionDocument.Parse(payload, ExpositionFormat.PrometheusText004);

        Assert.Equal(0, document.Result.ErrorCount);
        Assert.Equal(283, document.Families.Count);
        Assert.Contains(document.Families, f => f.Type == ExpositionMetricType.Summary);
    }
}
