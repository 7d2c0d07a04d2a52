using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Alerting.Expressions;

/// <summary>Prometheus durations (<c>1h30m</c>, <c>5m</c>, <c>250ms</c>; units y w d h m s ms), parsed and written the way Prometheus does.</summary>
internal static class PromDuration
{
    private static readonly (string Unit, long Ms)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000L),
        ("ms", 1L),
    ];

    /// <summary>Parses a duration; units must appear largest first, each once.</summary>
    /// <returns>The duration, or null with <paramref name="error"/> set.</returns>
    public static TimeSpan? Parse(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a duration is empty";
            return null;
        }

        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        long total = 0;
        var pos = 0;
        var lastUnit = -1;
        while (pos < text.Length)
        {
            var start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            if (pos == start || !long.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"'{text}' is not a duration (expected a number and a unit, as in 30s, 5m, 1h30m)";
                return null;
            }

            var unit = -1;
            for (var u = 0; u < Units.Length; u++)
            {
                var name = Units[u].Unit;
                if (text.AsSpan(pos).StartsWith(name, StringComparison.Ordinal) &&
                    (name != "m" || pos + 1 >= text.Length || text[pos + 1] != 's'))
                {
                    unit = u;
                    break;
                }
            }

            if (unit < 0 || unit <= lastUnit)
            {
                error = $"'{text}' is not a duration (units are y, w, d, h, m, s, ms, largest first, each once)";
                return null;
            }

            lastUnit = unit;
            pos += Units[unit].Unit.Length;
            total = checked(total + (amount * Units[unit].Ms));
        }

        return TimeSpan.FromMilliseconds(total);
    }

    /// <summary>Writes a duration as Prometheus' <c>model.Duration.String()</c> does (<c>0s</c>, <c>1h30m</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        foreach (var (unit, size) in Units)
        {
            var amount = ms / size;
            if (amount > 0)
            {
                text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms -= amount * size;
            }
        }

        return text.ToString();
    }
}
