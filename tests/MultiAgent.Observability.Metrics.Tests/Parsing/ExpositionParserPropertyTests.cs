using System.Text;
using CsCheck;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Metrics.Tests.Parsing;

/// <summary>Random and mutated payloads: the only exception is <see cref="ExpositionFormatException"/>, and what a parse keeps is bounded.</summary>
public sealed class ExpositionParserPropertyTests
{
    private const string Valid = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        msdos{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
        # TYPE h histogram
        h_bucket{le="0.05"} 24054 # {trace_id="x"} 0.01
        h_bucket{le="+Inf"} 144320
        h_sum 53423
        h_count 144320
        # TYPE s summary
        s{quantile="0.5"} 4773
        s_sum NaN
        s_count 2693
        # EOF

        """;

    private static readonly byte[] ValidBytes = Encoding.UTF8.GetBytes(Valid);

    private static readonly Gen<byte[]> Mutated =
        Gen.Select(Gen.Int[0, ValidBytes.Length - 1], Gen.Byte, Gen.Int[0, 3], (position, value, kind) =>
        {
            var bytes = ValidBytes.ToList();
            switch (kind)
            {
                case 0: bytes[position] = value; break;
                case 1: bytes.RemoveAt(position); break;
                case 2: bytes.Insert(position, value); break;
                default: bytes.RemoveRange(position, bytes.Count - position); break;
            }

            return bytes.ToArray();
        });

    private static readonly Gen<byte[]> Tokens =
        Gen.OneOf("# TYPE ", "# HELP ", "# UNIT ", "# EOF", "m", "_total", "_bucket", "{", "}", "le=\"", "\"", ",", " ", "\n", "\\", "1", "+Inf", "NaN", "counter", "histogram", "#", "\r", "\t", "\xff")
            .Array[0, 60]
            .Select(parts => Encoding.Latin1.GetBytes(string.Concat(parts)));

    [Fact]
    public void Parse_MutatedPayloads_ThrowOnlyTheTypedExceptionInBothFormats() =>
        Mutated.Sample(ParseBoth, iter: 3_000);

    [Fact]
    public void Parse_RandomTokenSoup_ThrowsOnlyTheTypedException() =>
        Tokens.Sample(ParseBoth, iter: 3_000);

    [Fact]
    public void Parse_RandomBytes_ThrowsOnlyTheTypedException() =>
        Gen.Byte.Array[0, 512].Sample(ParseBoth, iter: 2_000);

    [Fact]
    public void Parse_ManyBadLines_KeepsAtMostMaxErrors()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("bad line here\n", 10_000)));
        var parser = new ExpositionParser { MaxErrors = 10 };

        var result = parser.Parse(payload, ExpositionFormat.PrometheusText004, new ExpositionParserErrorTests.CountingSink());

        Assert.Equal(10_000, result.ErrorCount);
        Assert.Equal(10, result.Errors.Count);
    }

    private static void ParseBoth(byte[] payload)
    {
        var parser = new ExpositionParser { MaxLineLength = 256, MaxErrors = 5 };
        foreach (var format in new[] { ExpositionFormat.PrometheusText004, ExpositionFormat.OpenMetrics100 })
        {
            try
            {
                var result = parser.Parse(payload, format, new ExpositionParserErrorTests.CountingSink());
                Assert.True(result.Errors.Count <= 5);
                Assert.True(result.Bytes == payload.Length);
            }
            catch (ExpositionFormatException)
            {
                // The one exception a payload may cause.
            }
        }
    }
}
