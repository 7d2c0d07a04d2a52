using System.Globalization;
using System.Text;
using CsCheck;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Metrics.Tests.Parsing;

/// <summary>The number fast path and the one-pass hash of the parser's lexical helpers.</summary>
public sealed class ExpositionTextTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-0", -0.0)]
    [InlineData("+12.5", 12.5)]
    [InlineData("-3.25", -3.25)]
    [InlineData(".5", 0.5)]
    [InlineData("1.", 1.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("123456789012345", 123456789012345.0)]
    [InlineData("1234567890.12345678", 1234567890.12345678)]
    [InlineData("0.000000000000000000000001", 1e-24)]
    [InlineData("1e3", 1000.0)]
    public void TryParseDouble_Decimal_IsTheCorrectlyRoundedValue(string text, double expected)
    {
        Assert.True(ExpositionText.TryParseDouble(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("+.")]
    [InlineData("1.2.3")]
    [InlineData("1-2")]
    [InlineData("0x10")]
    public void TryParseDouble_NotANumber_IsRefused(string text) =>
        Assert.False(ExpositionText.TryParseDouble(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void TryParseDouble_RandomDecimals_AgreeWithTheGeneralParser()
    {
        Gen.Select(Gen.Long[-999_999_999_999_999, 999_999_999_999_999], Gen.Int[0, 25]).Sample((mantissa, scale) =>
        {
            var text = (mantissa / Math.Pow(10, scale)).ToString("R", CultureInfo.InvariantCulture);
            var digits = mantissa.ToString(CultureInfo.InvariantCulture).TrimStart('-').PadLeft(scale + 1, '0');
            var plain = (mantissa < 0 ? "-" : string.Empty) + (scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..]);
            foreach (var candidate in new[] { text, plain })
            {
                Assert.True(ExpositionText.TryParseDouble(Encoding.UTF8.GetBytes(candidate), out var value), candidate);
                Assert.Equal(double.Parse(candidate, CultureInfo.InvariantCulture), value);
            }
        });
    }

    [Fact]
    public void Hash64_DistinctSeriesIdentities_DoNotCollide()
    {
        var seen = new HashSet<ulong>();
        for (var i = 0; i < 200_000; i++)
        {
            var identity = $"http_requests_total{{route=\"/api/v1/route/{i % 1000}\",code=\"{i / 1000}\"}}";
            Assert.True(seen.Add(ExpositionText.Hash64(Encoding.UTF8.GetBytes(identity))), identity);
        }

        Assert.NotEqual(ExpositionText.Hash64("ab"u8), ExpositionText.Hash64("ab\0"u8));
        Assert.NotEqual(ExpositionText.Hash64("a{x=\"1\",y=\"2\"}"u8), ExpositionText.Hash64("a{y=\"2\",x=\"1\"}"u8));
    }
}
