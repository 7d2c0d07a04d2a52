using System.Text;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Metrics.Tests.Parsing;

/// <summary>The example blocks of the text format 0.0.4 documentation and the OpenMetrics 1.0 specification.</summary>
public sealed class ExpositionParserSpecTests
{
    private const string TextFormatExample = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47

        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045

        # A histogram, which has a pretty complex representation in the text format:
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="0.1"} 33444
        http_request_duration_seconds_bucket{le="0.2"} 100392
        http_request_duration_seconds_bucket{le="0.5"} 129389
        http_request_duration_seconds_bucket{le="1"} 133988
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320

        # Finally a summary, which has a complex representation, too:
        # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.01"} 3102
        rpc_duration_seconds{quantile="0.05"} 3272
        rpc_duration_seconds{quantile="0.5"} 4773
        rpc_duration_seconds{quantile="0.9"} 9001
        rpc_duration_seconds{quantile="0.99"} 76656
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693

        """;

    private const string OpenMetricsExample = """
        # TYPE acme_http_router_request_seconds summary
        # UNIT acme_http_router_request_seconds seconds
        # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
        acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
        acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
        acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
        acme_http_router_request_seconds_sum{path="/api/v2",method="POST"} 479.3
        acme_http_router_request_seconds_count{path="/api/v2",method="POST"} 34.0
        acme_http_router_request_seconds_created{path="/api/v2",method="POST"} 1605281325.0
        # TYPE go_goroutines gauge
        # HELP go_goroutines Number of goroutines that currently exist.
        go_goroutines 69
        # TYPE process_cpu_seconds counter
        # UNIT process_cpu_seconds seconds
        # HELP process_cpu_seconds Total user and system CPU time spent in seconds.
        process_cpu_seconds_total 4.20072246e+06
        # EOF

        """;

    [Fact]
    public void Parse_TextFormatDocumentationExample_ReadsEveryFamilyAndValue()
    {
        var document = Parse(TextFormatExample, ExpositionFormat.PrometheusText004);

        Assert.Equal(0, document.Result.ErrorCount);
        Assert.Equal(
            ["http_requests_total", "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels", "something_weird", "http_request_duration_seconds", "rpc_duration_seconds"],
            document.Families.Select(f => f.Name));
        Assert.Equal(
            [ExpositionMetricType.Counter, ExpositionMetricType.Unknown, ExpositionMetricType.Unknown, ExpositionMetricType.Unknown, ExpositionMetricType.Histogram, ExpositionMetricType.Summary],
            document.Families.Select(f => f.Type));
        var requests = document.Families[0];
        Assert.Equal("The total number of HTTP requests.", requests.Help);
        Assert.Equal([1027.0, 3.0], requests.Samples.Select(s => s.Value));
        Assert.Equal(1395066363000, requests.Samples[0].TimestampMs);
        Assert.Equal(new KeyValuePair<string, string>("code", "400"), requests.Samples[1].Labels[1]);

        var msdos = document.Families[1].Samples[0];
        Assert.Equal("C:\\DIR\\FILE.TXT", msdos.Labels[0].Value);
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", msdos.Labels[1].Value);
        Assert.Equal(1.458255915e9, msdos.Value);

        var weird = document.Families[3].Samples[0];
        Assert.Equal(double.PositiveInfinity, weird.Value);
        Assert.Equal(-3982045, weird.TimestampMs);

        var histogram = document.Families[4].Samples;
        Assert.Equal(8, histogram.Count);
        Assert.Equal(6, histogram.Count(s => s.Role == ExpositionSampleRole.Bucket));
        Assert.Equal(ExpositionSampleRole.Count, histogram[^1].Role);
        Assert.Equal(144320, histogram[^1].Value);

        var summary = document.Families[5].Samples;
        Assert.Equal([ExpositionSampleRole.Value, ExpositionSampleRole.Sum, ExpositionSampleRole.Count], summary.Select(s => s.Role).Distinct());
        Assert.Equal(1.7560473e+07, summary[^2].Value);
        Assert.Equal(document.Families.Sum(f => f.Samples.Count), document.Result.Samples);
    }

    [Fact]
    public void Parse_OpenMetricsSpecificationExample_ReadsTypesUnitsAndSuffixes()
    {
        var document = Parse(OpenMetricsExample, ExpositionFormat.OpenMetrics100);

        Assert.Equal(["acme_http_router_request_seconds", "go_goroutines", "process_cpu_seconds"], document.Families.Select(f => f.Name));
        Assert.Equal("seconds", document.Families[0].Unit);
        Assert.Equal("Latency though all of ACME's HTTP request router.", document.Families[0].Help);
        Assert.Equal(ExpositionSampleRole.Created, document.Families[0].Samples[2].Role);
        Assert.Equal(1605281325.0, document.Families[0].Samples[2].Value);
        var total = Assert.Single(document.Families[2].Samples);
        Assert.Equal(ExpositionSampleRole.Total, total.Role);
        Assert.Equal(4.20072246e+06, total.Value);
    }

    [Fact]
    public void Parse_OpenMetricsHistogramWithExemplars_ReadsExemplarsAndSecondTimestamps()
    {
        var document = Parse("""
            # TYPE foo histogram
            foo_bucket{le="0.01"} 0
            foo_bucket{le="0.1"} 8 # {} 0.054
            foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
            foo_bucket{le="+Inf"} 17
            foo_count 17
            foo_sum 324789.3
            foo_created 1520430000.123
            # EOF

            """, ExpositionFormat.OpenMetrics100);

        var samples = Assert.Single(document.Families).Samples;
        Assert.Null(samples[0].Exemplar);
        Assert.Empty(samples[1].Exemplar!.Labels);
        Assert.Equal(0.054, samples[1].Exemplar!.Value);
        Assert.Equal(new KeyValuePair<string, string>("trace_id", "KOO5S4vxi0o"), samples[2].Exemplar!.Labels[0]);
        Assert.Equal(1520879607789, samples[3].Exemplar!.TimestampMs);
        Assert.Equal(ExpositionSampleRole.Created, samples[^1].Role);
    }

    [Fact]
    public void Parse_OpenMetricsCounterWithTimestampAndExemplar_ConvertsSecondsToMilliseconds()
    {
        var document = Parse("""
            # TYPE foo counter
            foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_created 1520430000.123 1520879607.789
            # EOF
            """, ExpositionFormat.OpenMetrics100);

        var samples = Assert.Single(document.Families).Samples;
        Assert.Equal(1520879607789, samples[0].TimestampMs);
        Assert.Equal(0.67, samples[0].Exemplar!.Value);
        Assert.Equal(1520430000.123, samples[1].Value);
    }

    [Fact]
    public void Parse_OpenMetricsStateSetInfoGaugeHistogramAndUnknown_AreTyped()
    {
        var document = Parse("""
            # TYPE foo stateset
            foo{entity="controller",foo="a"} 1.0
            foo{entity="controller",foo="bb"} 0.0
            # TYPE bar info
            bar_info{entity="controller",name="pretty name",version="8.2.7"} 1.0
            # TYPE baz gaugehistogram
            baz_bucket{le="0.01"} 20.0
            baz_bucket{le="+Inf"} 42.0
            baz_gcount 42.0
            baz_gsum 3289.3
            # HELP qux Something with \"quotes\" and a \\ and a\nnewline
            # TYPE qux unknown
            qux 1.5e3
            # EOF
            """, ExpositionFormat.OpenMetrics100);

        Assert.Equal(
            [ExpositionMetricType.StateSet, ExpositionMetricType.Info, ExpositionMetricType.GaugeHistogram, ExpositionMetricType.Unknown],
            document.Families.Select(f => f.Type));
        Assert.Equal(ExpositionSampleRole.Info, document.Families[1].Samples[0].Role);
        Assert.Equal([ExpositionSampleRole.Bucket, ExpositionSampleRole.Bucket, ExpositionSampleRole.GaugeCount, ExpositionSampleRole.GaugeSum], document.Families[2].Samples.Select(s => s.Role));
        Assert.Equal("Something with \"quotes\" and a \\ and a\nnewline", document.Families[3].Help);
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("nan", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-infinity", double.NegativeInfinity)]
    [InlineData("1e+06", 1e6)]
    [InlineData("-0.5", -0.5)]
    [InlineData(".5", 0.5)]
    public void Parse_SpecialAndExponentNumbers_AreRead(string text, double expected)
    {
        foreach (var format in new[] { ExpositionFormat.PrometheusText004, ExpositionFormat.OpenMetrics100 })
        {
            var eof = format == ExpositionFormat.OpenMetrics100 ? "# EOF\n" : string.Empty;
            var document = Parse($"# TYPE g gauge\ng {text}\n{eof}", format);
            Assert.Equal(expected, Assert.Single(Assert.Single(document.Families).Samples).Value);
        }
    }

    [Fact]
    public void Parse_Text004HelpEscapes_ResolveOnlyBackslashAndNewline()
    {
        var document = Parse("# HELP m a \\\\ b \\n c \\\" d\nm 1\n", ExpositionFormat.PrometheusText004);

        Assert.Equal("a \\ b \n c \\\" d", document.Families[0].Help);
    }

    [Fact]
    public void Parse_EmptyLabelValue_IsAbsent()
    {
        var document = Parse("m{a=\"\",b=\"x\",} 1\n", ExpositionFormat.PrometheusText004);

        var sample = document.Families[0].Samples[0];
        Assert.Equal([new KeyValuePair<string, string>("b", "x")], sample.Labels);
    }

    internal static ExpositionDocument Parse(string text, ExpositionFormat format) =>
        ExpositionDocument.Parse(Encoding.UTF8.GetBytes(text), format);
}
