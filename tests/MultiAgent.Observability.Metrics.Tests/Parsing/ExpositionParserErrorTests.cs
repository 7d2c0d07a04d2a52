using System.IO.Pipelines;
using System.Text;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Metrics.Tests.Parsing;

public sealed class ExpositionParserErrorTests
{
    [Fact]
    public void Parse_Text004BadLine_IsReportedWithItsLineAndTheRestIsUsed()
    {
        var document = Parse("a 1\nb{x=\"1\" 2\nc notanumber\nd 4\n", ExpositionFormat.PrometheusText004);

        Assert.Equal(["a", "d"], document.Families.Select(f => f.Name));
        Assert.Equal(2, document.Result.ErrorCount);
        Assert.Equal([2, 3], document.Result.Errors.Select(e => e.LineNumber));
        Assert.Contains("'notanumber' is not a number", document.Result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# TYPE m gauge\nm 1\n", "does not end with '# EOF'")]
    [InlineData("# TYPE m gauge\nm 1\n# EOF\nm 2\n", "nothing may follow '# EOF'")]
    [InlineData("a 1\nb 1\na 2\n# EOF\n", "must not be interleaved")]
    [InlineData("m 1\r\n# EOF\n", "carriage returns")]
    [InlineData("m  1\n# EOF\n", "expected a space and a value")]
    [InlineData("m 1\n\n# EOF\n", "empty lines")]
    [InlineData("# just a comment\n# EOF\n", "only '# HELP'")]
    [InlineData("# TYPE m counter\nm 1\n# EOF\n", "not a sample name of the counter")]
    [InlineData("# TYPE m counter\nm_total -1\n# EOF\n", "must not be negative")]
    [InlineData("# TYPE m gauge\nm{a=\"\\q\"} 1\n# EOF\n", "invalid escape")]
    [InlineData("# TYPE m_seconds gauge\n# UNIT m_seconds bytes\nm_seconds 1\n# EOF\n", "must be a suffix")]
    [InlineData("# TYPE m gauge\nm 1 # {a=\"b\"} 1\n# EOF\n", "exemplars are allowed only")]
    [InlineData("# TYPE foo counter\nfoo_total 1\n# TYPE foo_created gauge\nfoo_created 1\n# EOF\n", "clashes with the samples of the counter 'foo'")]
    [InlineData("m{a=\"1\",} 1\n# EOF\n", "',' before '}'")]
    public void Parse_InvalidOpenMetrics_RejectsTheWholeExposition(string payload, string expected)
    {
        var error = Assert.Throws<ExpositionFormatException>(() => Parse(payload, ExpositionFormat.OpenMetrics100));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"0.5\"} 2\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n", "increasing 'le' order")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"2\"} 2\nh_bucket{le=\"+Inf\"} 3\nh_count 3\n", "not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n", "no le=\"+Inf\" bucket")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 3\nh_count 4\n", "differs from its le=\"+Inf\" bucket")]
    [InlineData("# TYPE h histogram\nh_bucket 3\n", "no 'le' label")]
    [InlineData("# TYPE s summary\ns 3\n", "without a 'quantile' label")]
    [InlineData("# TYPE s summary\ns{quantile=\"2\"} 3\n", "from 0 to 1")]
    [InlineData("m{a=\"1\"} 1\nm{a=\"1\"} 2\n", "is repeated")]
    [InlineData("m{a=\"1\",a=\"2\"} 1\n", "label 'a' is repeated")]
    [InlineData("m 1\n# TYPE m gauge\n", "comes after its samples")]
    [InlineData("# TYPE m gauge\n# TYPE m counter\nm 1\n", "a second '# TYPE'")]
    [InlineData("# TYPE m gaugehistogram\nm 1\n", "not a metric type of the text format 0.0.4")]
    [InlineData("m 1 12.5\n", "not a timestamp (integer milliseconds)")]
    [InlineData("m\xff 1\n", "not valid UTF-8")]
    public void Parse_Text004RuleBroken_NamesTheRule(string payload, string expected)
    {
        var document = ExpositionDocument.Parse(Encoding.Latin1.GetBytes(payload), ExpositionFormat.PrometheusText004);

        Assert.Contains(document.Result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LineLongerThanTheLimit_ThrowsInBothFormats()
    {
        var parser = new ExpositionParser { MaxLineLength = 64 };
        var payload = Encoding.UTF8.GetBytes("m{a=\"" + new string('x', 100) + "\"} 1\n");

        var error = Assert.Throws<ExpositionFormatException>(() => parser.Parse(payload, ExpositionFormat.PrometheusText004, new CountingSink()));
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public async Task ParseAsync_LinesSplitAcrossReads_GivesTheSameSamplesAsOneSpan()
    {
        var text = "# HELP a help with \\n escape\n# TYPE a counter\na{x=\"1\"} 1 1000\na{x=\"2\"} 2\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\nlast 7";
        var bytes = Encoding.UTF8.GetBytes(text);
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 1, pauseWriterThreshold: 0));
        var sink = new RecordingSink();
        var parse = new ExpositionParser().ParseAsync(pipe.Reader, ExpositionFormat.PrometheusText004, sink, CancellationToken.None);
        for (var i = 0; i < bytes.Length; i += 3)
        {
            await pipe.Writer.WriteAsync(bytes.AsMemory(i, Math.Min(3, bytes.Length - i)));
        }

        await pipe.Writer.CompleteAsync();
        var result = await parse;

        var expected = new RecordingSink();
        new ExpositionParser().Parse(bytes, ExpositionFormat.PrometheusText004, expected);
        Assert.Equal(expected.Lines, sink.Lines);
        Assert.Equal(7, result.Samples);
        Assert.Equal(bytes.Length, result.Bytes);
        Assert.Contains("last=7@", sink.Lines);
    }

    private static ExpositionDocument Parse(string text, ExpositionFormat format) => ExpositionParserSpecTests.Parse(text, format);

    internal sealed class CountingSink : IExpositionSink
    {
        public int Families { get; private set; }

        public int Samples { get; private set; }

        public void OnFamily(in ExpositionFamily family) => Families++;

        public void OnSample(in ExpositionSample sample) => Samples++;
    }

    private sealed class RecordingSink : IExpositionSink
    {
        public List<string> Lines { get; } = [];

        public void OnFamily(in ExpositionFamily family) => Lines.Add($"family {family.NameString} {family.Type} {family.GetHelp()}");

        public void OnSample(in ExpositionSample sample) => Lines.Add($"{Encoding.UTF8.GetString(sample.Identity)}={sample.Value}@{sample.TimestampMs}");
    }
}
