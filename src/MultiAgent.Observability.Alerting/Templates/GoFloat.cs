using System.Globalization;
using System.Text;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Alerting.Templates;

/// <summary>Formats doubles as Go's <c>fmt</c> does in Prometheus templates, so our annotations read exactly like Prometheus' own.</summary>
internal static class GoFloat
{
    /// <summary>Go's <c>%v</c> of a float64 (<c>strconv.FormatFloat(f, 'g', -1, 64)</c>): 0.5, 1e+06, NaN, +Inf.</summary>
    public static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[GoFloatFormatter.MaxLength];
        var length = GoFloatFormatter.Format(value, buffer, openMetrics: false);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>Go's <c>%.4g</c>: four significant digits, trailing zeros dropped, exponent form below 1e-4 and from 1e+04.</summary>
    public static string FormatG4(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        // .NET's G4 has Go's layout except the exponent letter; both write at least two exponent digits.
        return value.ToString("G4", CultureInfo.InvariantCulture).Replace('E', 'e');
    }
}
