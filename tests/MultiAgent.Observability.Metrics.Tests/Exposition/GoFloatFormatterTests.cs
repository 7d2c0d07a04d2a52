using System.Text;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

public sealed class GoFloatFormatterTests
{
    // Expected values are what Go's strconv.FormatFloat(f, 'g', -1, 64) prints (client_golang's writeFloat),
    // and for OpenMetrics the same with ".0" when there is neither a point nor an exponent (writeOpenMetricsFloat).
    [Theory]
    [InlineData(0d, "0", "0.0")]
    [InlineData(1d, "1", "1.0")]
    [InlineData(-1d, "-1", "-1.0")]
    [InlineData(0.005, "0.005", "0.005")]
    [InlineData(2.5, "2.5", "2.5")]
    [InlineData(10d, "10", "10.0")]
    [InlineData(123456d, "123456", "123456.0")]
    [InlineData(1e6, "1e+06", "1e+06")]
    [InlineData(1234567d, "1.234567e+06", "1.234567e+06")]
    [InlineData(0.0001, "0.0001", "0.0001")]
    [InlineData(0.00001, "1e-05", "1e-05")]
    [InlineData(0.000123, "0.000123", "0.000123")]
    [InlineData(1.5e-7, "1.5e-07", "1.5e-07")]
    [InlineData(0.30000000000000004, "0.30000000000000004", "0.30000000000000004")]
    [InlineData(1e21, "1e+21", "1e+21")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308", "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324", "5e-324")]
    [InlineData(-123.456, "-123.456", "-123.456")]
    [InlineData(double.NaN, "NaN", "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf", "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf", "-Inf")]
    public void Format_Value_GoStyle(double value, string expected004, string expectedOpenMetrics)
    {
        Assert.Equal(expected004, Format(value, openMetrics: false));
        Assert.Equal(expectedOpenMetrics, Format(value, openMetrics: true));
    }

    [Fact]
    public void Format_RandomDoubles_RoundTrip()
    {
        var random = new Random(42);
        for (var i = 0; i < 10_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = Format(value, openMetrics: i % 2 == 0);
            Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Format_ShortDecimals_SameAsTheGeneralPath()
    {
        // The fast path for values with few decimals must write exactly what the general path writes.
        var random = new Random(7);
        var values = new List<double> { 1e-4, 0.00010000000000000002, 999_999.5, 999_999.999999, 999_999.9999999, 0.1, 0.2, 0.3, 0.7, 1.1, 4.35, 0.805, 123_456.78 };
        for (var i = 0; i < 20_000; i++)
        {
            var decimals = random.Next(0, 9);
            var digits = random.NextInt64(1, 1_000_000_000_000);
            values.Add(digits / Math.Pow(10, decimals + random.Next(0, 6)));
            values.Add(random.NextDouble() * Math.Pow(10, random.Next(-5, 7)));
        }

        Span<byte> fast = stackalloc byte[GoFloatFormatter.MaxLength];
        Span<byte> general = stackalloc byte[GoFloatFormatter.MaxLength];
        foreach (var magnitude in values)
        {
            foreach (var value in new[] { magnitude, -magnitude })
            {
                foreach (var openMetrics in new[] { false, true })
                {
                    var fastText = Encoding.UTF8.GetString(fast[..GoFloatFormatter.Format(value, fast, openMetrics)]);
                    var generalText = Encoding.UTF8.GetString(general[..GoFloatFormatter.FormatShortest(value, general, openMetrics)]);
                    Assert.True(fastText == generalText, $"{value:R}: {fastText} but {generalText}");
                }
            }
        }
    }

    private static string Format(double value, bool openMetrics)
    {
        Span<byte> buffer = stackalloc byte[GoFloatFormatter.MaxLength];
        var written = GoFloatFormatter.Format(value, buffer, openMetrics);
        return Encoding.UTF8.GetString(buffer[..written]);
    }
}
