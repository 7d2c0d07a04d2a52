using System.Text;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

public sealed class PrometheusExpositionWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText004, "exposition-0.0.4.txt")]
    [InlineData(ExpositionFormat.OpenMetrics100, "exposition-openmetrics-1.0.0.txt")]
    public async Task WriteAsync_AllKinds_MatchesGolden(ExpositionFormat format, string goldenName)
    {
        await using var pipeline = await ExpositionFixture.CreatePopulatedAsync(Ct);
        using var stream = new MemoryStream();

        await PrometheusExpositionWriter.WriteAsync(pipeline, stream, format, Ct);

        var path = Path.Combine(Peers.RepoRoot, "tests", "MultiAgent.Observability.Metrics.Tests", "Exposition", "Golden", goldenName);
        var actual = stream.ToArray();
        if (Environment.GetEnvironmentVariable("MAO_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllBytesAsync(path, actual, Ct);
        }

        var expected = await File.ReadAllBytesAsync(path, Ct);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText004)]
    [InlineData(ExpositionFormat.OpenMetrics100)]
    public async Task Write_String_SameAsStreamWithoutBomOrCarriageReturn(ExpositionFormat format)
    {
        await using var pipeline = await ExpositionFixture.CreatePopulatedAsync(Ct);
        using var stream = new MemoryStream();
        await PrometheusExpositionWriter.WriteAsync(pipeline, stream, format, Ct);

        var text = PrometheusExpositionWriter.Write(pipeline, format);

        var bytes = stream.ToArray();
        Assert.Equal(bytes, Encoding.UTF8.GetBytes(text));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(format == ExpositionFormat.OpenMetrics100, text.EndsWith("\n# EOF\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_EmptyPipeline_WritesNothingOrOnlyEof()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Describe(new MetricDescription("declared_but_empty", MetricKind.Counter));

        Assert.Equal(string.Empty, PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004));
        Assert.Equal("# EOF\n", PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.OpenMetrics100));
    }

    [Fact]
    public async Task Write_CounterWithAndWithoutTotal_TotalNeverDoubled()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Add("a1", "jobs_total", 2);
        pipeline.Add("a1", "retries", 1);
        await pipeline.FlushAsync(Ct);

        var text004 = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004);
        var openMetrics = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.OpenMetrics100);

        Assert.Contains("# TYPE jobs_total counter\njobs_total{agent_id=\"a1\"} 2\n", text004, StringComparison.Ordinal);
        Assert.Contains("# TYPE retries_total counter\nretries_total{agent_id=\"a1\"} 1\n", text004, StringComparison.Ordinal);
        Assert.Contains("# TYPE jobs counter\njobs_total{agent_id=\"a1\"} 2.0\n", openMetrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE retries counter\nretries_total{agent_id=\"a1\"} 1.0\n", openMetrics, StringComparison.Ordinal);
        Assert.DoesNotContain("_total_total", text004 + openMetrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_LabelsAroundAgentId_SortedByName()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Record("z-agent", "g", MetricKind.Gauge, 1, KeyValuePair.Create("zone", "z"), KeyValuePair.Create("agent", "x"), KeyValuePair.Create("a", "1"));
        pipeline.Record("b-agent", "g", MetricKind.Gauge, 2, KeyValuePair.Create("zone", "z"), KeyValuePair.Create("agent", "y"), KeyValuePair.Create("a", "1"));
        await pipeline.FlushAsync(Ct);

        var text = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004);

        // Series sort by their written label sets: "agent" comes before "agent_id", so x sorts before y despite the agent ids.
        Assert.Contains(
            "g{a=\"1\",agent=\"x\",agent_id=\"z-agent\",zone=\"z\"} 1\ng{a=\"1\",agent=\"y\",agent_id=\"b-agent\",zone=\"z\"} 2\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Histogram_BucketsCumulativeAndInfEqualsCount()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Describe(new MetricDescription("latency_seconds", MetricKind.Histogram) { Buckets = [0.25, 1] });
        foreach (var value in new[] { 0.1, 0.5, 0.5, 4 })
        {
            pipeline.Record("a1", "latency_seconds", MetricKind.Histogram, value);
        }

        await pipeline.FlushAsync(Ct);

        var text = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.OpenMetrics100);

        Assert.Equal(
            "# HELP latency_seconds Agent metric latency_seconds.\n" +
            "# TYPE latency_seconds histogram\n" +
            "latency_seconds_bucket{agent_id=\"a1\",le=\"0.25\"} 1\n" +
            "latency_seconds_bucket{agent_id=\"a1\",le=\"1.0\"} 3\n" +
            "latency_seconds_bucket{agent_id=\"a1\",le=\"+Inf\"} 4\n" +
            "latency_seconds_sum{agent_id=\"a1\"} 5.1\n" +
            "latency_seconds_count{agent_id=\"a1\"} 4\n" +
            "# EOF\n",
            text);
    }

    [Fact]
    public async Task Write_HistogramWithNegativeBuckets_OpenMetricsOmitsSumAndCount()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Describe(new MetricDescription("delta", MetricKind.Histogram) { Buckets = [-1, 0, 1] });
        pipeline.Record("a1", "delta", MetricKind.Histogram, -3);
        await pipeline.FlushAsync(Ct);

        var openMetrics = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.OpenMetrics100);
        var text004 = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004);

        Assert.Contains("delta_bucket{agent_id=\"a1\",le=\"-1.0\"} 1\n", openMetrics, StringComparison.Ordinal);
        Assert.Contains("delta_bucket{agent_id=\"a1\",le=\"+Inf\"} 1\n# EOF\n", openMetrics, StringComparison.Ordinal);
        Assert.DoesNotContain("delta_sum", openMetrics, StringComparison.Ordinal);
        Assert.DoesNotContain("delta_count", openMetrics, StringComparison.Ordinal);
        Assert.Contains("delta_sum{agent_id=\"a1\"} -3\ndelta_count{agent_id=\"a1\"} 1\n", text004, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_MoreThanOneChunk_SameAsString()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        for (var i = 0; i < 2_000; i++)
        {
            pipeline.Record("a1", "family_" + (i % 50).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), MetricKind.Gauge, i, KeyValuePair.Create("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await pipeline.FlushAsync(Ct);
        using var stream = new MemoryStream();

        await PrometheusExpositionWriter.WriteAsync(pipeline, stream, ExpositionFormat.PrometheusText004, Ct);

        Assert.True(stream.Length > 64 * 1024, $"only {stream.Length} bytes");
        Assert.Equal(PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task Write_NamesPrometheusWouldReject_RefusedByThePipelineNeverWritten()
    {
        // A clash of exposed sample names, or an le / quantile label of the series' own, would make Prometheus
        // reject the whole scrape: the pipeline refuses them at the door with a typed error, so the writer's
        // defensive omission is never what decides.
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Add("a1", "jobs", 1);
        pipeline.Record("a1", "lat", MetricKind.Histogram, 1);
        Assert.Throws<ArgumentException>(() => pipeline.Record("a1", "jobs_total", MetricKind.Gauge, 5));
        Assert.Throws<ArgumentException>(() => pipeline.Add("a1", "jobs_total_total", 2));
        Assert.Throws<ArgumentException>(() => pipeline.Record("a1", "lat_count", MetricKind.Gauge, 9));
        Assert.Throws<ArgumentException>(() => pipeline.Record("a1", "h", MetricKind.Histogram, 1, KeyValuePair.Create("le", "mine")));
        Assert.Throws<ArgumentException>(() => pipeline.Record("a1", "s", MetricKind.Summary, 1, KeyValuePair.Create("quantile", "mine")));
        pipeline.Record("a1", "lat_total", MetricKind.Gauge, 3);
        await pipeline.FlushAsync(Ct);

        var text = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004);

        Assert.Equal(
            "# HELP jobs_total Agent metric jobs.\n# TYPE jobs_total counter\njobs_total{agent_id=\"a1\"} 1\n",
            text[..text.IndexOf("# HELP lat ", StringComparison.Ordinal)]);
        Assert.Contains("lat_count{agent_id=\"a1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE lat_total gauge\nlat_total{agent_id=\"a1\"} 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mine", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GetContentType_EachFormat_SpecContentType()
    {
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", PrometheusExpositionWriter.GetContentType(ExpositionFormat.PrometheusText004));
        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", PrometheusExpositionWriter.GetContentType(ExpositionFormat.OpenMetrics100));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrometheusExpositionWriter.GetContentType((ExpositionFormat)7));
    }

    [Fact]
    public async Task WriteAsync_PromtoolCheckMetrics_NoProblems()
    {
        var promtool = Peers.Require("promtool");
        await using var pipeline = await ExpositionFixture.CreatePopulatedAsync(Ct);
        var file = Path.Combine(Path.GetTempPath(), $"mao-exposition-{Guid.NewGuid():N}.prom");
        try
        {
            await using (var stream = File.Create(file))
            {
                await PrometheusExpositionWriter.WriteAsync(pipeline, stream, ExpositionFormat.PrometheusText004, Ct);
            }

            var (exitCode, output) = Peers.Run("sh", ["-c", "\"$0\" check metrics < \"$1\"", promtool, file]);

            Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool exited {exitCode}: {output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WriteAsync_PromtoolOnBrokenInput_Fails()
    {
        // Guards the peer test above: promtool must actually reject what it reads from stdin.
        var promtool = Peers.Require("promtool");
        var file = Path.Combine(Path.GetTempPath(), $"mao-exposition-{Guid.NewGuid():N}.prom");
        try
        {
            await File.WriteAllTextAsync(file, "# TYPE x counter\nx{a=\"1\" 2\n", Ct);

            var (exitCode, _) = Peers.Run("sh", ["-c", "\"$0\" check metrics < \"$1\"", promtool, file]);

            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
