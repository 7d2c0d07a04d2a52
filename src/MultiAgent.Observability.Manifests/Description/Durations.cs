using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>Durations as descriptions and Istio write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1.5s</c>.</summary>
internal static class Durations
{
    /// <summary>Parses a number followed by <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var unitStart = 0;
        while (unitStart < text.Length && (char.IsAsciiDigit(text[unitStart]) || text[unitStart] == '.'))
        {
            unitStart++;
        }

        if (unitStart == 0 || !decimal.TryParse(text.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        decimal? milliseconds = text[unitStart..] switch
        {
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            "h" => number * 3_600_000,
            _ => null,
        };
        if (milliseconds is not { } ms || ms > 365m * 24 * 3_600_000 || decimal.Truncate(ms) != ms)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds((long)ms);
        return true;
    }

    /// <summary>Formats a duration in the largest unit that keeps it whole: <c>30s</c>, <c>500ms</c>, <c>2m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return ms % 3_600_000 == 0 && ms != 0 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000}h")
            : ms % 60_000 == 0 && ms != 0 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000}m")
            : ms % 1000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}s")
            : string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }
}
