using System.Text;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;
using MultiAgent.Observability.Metrics.Tests.Pipeline;

namespace MultiAgent.Observability.Metrics.Tests.Parsing;

/// <summary>What our exposition writer writes, our parser reads back as the same samples.</summary>
public sealed class ExpositionParserRoundTripTests
{
    [Theory]
    [InlineData(ExpositionFormat.PrometheusText004)]
    [InlineData(ExpositionFormat.OpenMetrics100)]
    public async Task Parse_WriterOutput_GivesTheSameSamples(ExpositionFormat format)
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.Describe(new MetricDescription("latency_seconds", MetricKind.Histogram) { Buckets = [0.1, 1], Help = "Latency with \"quotes\" and \\ and\nnewline." });
        pipeline.Add("agent-1", "requests_total", 5, [new("path", "/a\"b\\c\nd")]);
        pipeline.Add("agent-2", "requests_total", 7);
        pipeline.Record("agent-1", "queue_depth", MetricKind.Gauge, -2.5);
        pipeline.Record("agent-1", "temperature", MetricKind.Gauge, double.PositiveInfinity);
        foreach (var observation in new[] { 0.05, 0.5, 2.0, 3.0 })
        {
            pipeline.Record("agent-1", "latency_seconds", MetricKind.Histogram, observation);
            pipeline.Record("agent-1", "work_seconds", MetricKind.Summary, observation);
        }

        await pipeline.FlushAsync();
        var text = PrometheusExpositionWriter.Write(pipeline, format);

        var document = ExpositionDocument.Parse(Encoding.UTF8.GetBytes(text), format);

        Assert.Equal(0, document.Result.ErrorCount);
        var byName = document.Families.ToDictionary(f => f.Name);
        var requests = byName[format == ExpositionFormat.OpenMetrics100 ? "requests" : "requests_total"];
        Assert.Equal(ExpositionMetricType.Counter, requests.Type);
        var first = requests.Samples.Single(s => s.Labels.Contains(new("agent_id", "agent-1")));
        Assert.Equal(5, first.Value);
        Assert.Contains(new KeyValuePair<string, string>("path", "/a\"b\\c\nd"), first.Labels);
        Assert.Equal(7, requests.Samples.Single(s => s.Labels.Contains(new("agent_id", "agent-2"))).Value);
        Assert.Equal(-2.5, byName["queue_depth"].Samples.Single().Value);
        Assert.Equal(double.PositiveInfinity, byName["temperature"].Samples.Single().Value);

        var histogram = byName["latency_seconds"];
        Assert.Equal(ExpositionMetricType.Histogram, histogram.Type);
        Assert.Equal("Latency with \"quotes\" and \\ and\nnewline.", histogram.Help);
        Assert.Equal([1.0, 2.0, 4.0], histogram.Samples.Where(s => s.Role == ExpositionSampleRole.Bucket).Select(s => s.Value));
        Assert.Equal(4, histogram.Samples.Single(s => s.Role == ExpositionSampleRole.Count).Value);
        Assert.Equal(5.55, histogram.Samples.Single(s => s.Role == ExpositionSampleRole.Sum).Value, 9);

        var summary = byName["work_seconds"];
        Assert.Equal(ExpositionMetricType.Summary, summary.Type);
        Assert.Equal(4, summary.Samples.Single(s => s.Role == ExpositionSampleRole.Count).Value);
    }
}
