namespace MultiAgent.Observability.Alerting.Templates;

/// <summary>Prometheus' template helpers <c>humanize</c>, <c>humanize1024</c>, <c>humanizeDuration</c> and <c>humanizePercentage</c>, output for output.</summary>
internal static class Humanize
{
    private static readonly string[] Big = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
    private static readonly string[] Big1024 = ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];
    private static readonly string[] Small = ["m", "u", "n", "p", "f", "a", "z", "y"];

    public static string Number(double v)
    {
        if (v == 0 || !double.IsFinite(v))
        {
            return GoFloat.FormatG4(v);
        }

        var prefix = string.Empty;
        if (Math.Abs(v) >= 1)
        {
            foreach (var p in Big)
            {
                if (Math.Abs(v) < 1000)
                {
                    break;
                }

                prefix = p;
                v /= 1000;
            }

            return GoFloat.FormatG4(v) + prefix;
        }

        foreach (var p in Small)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }

            prefix = p;
            v *= 1000;
        }

        return GoFloat.FormatG4(v) + prefix;
    }

    public static string Number1024(double v)
    {
        if (Math.Abs(v) <= 1 || !double.IsFinite(v))
        {
            return GoFloat.FormatG4(v);
        }

        var prefix = string.Empty;
        foreach (var p in Big1024)
        {
            if (Math.Abs(v) < 1024)
            {
                break;
            }

            prefix = p;
            v /= 1024;
        }

        return GoFloat.FormatG4(v) + prefix;
    }

    public static string Duration(double v)
    {
        if (!double.IsFinite(v))
        {
            return GoFloat.FormatG4(v);
        }

        if (v == 0)
        {
            return GoFloat.FormatG4(v) + "s";
        }

        if (Math.Abs(v) >= 1)
        {
            var sign = v < 0 ? "-" : string.Empty;
            v = Math.Abs(v);
            var duration = (long)v;
            var seconds = duration % 60;
            var minutes = duration / 60 % 60;
            var hours = duration / 60 / 60 % 24;
            var days = duration / 60 / 60 / 24;
            return days != 0 ? $"{sign}{days}d {hours}h {minutes}m {seconds}s"
                : hours != 0 ? $"{sign}{hours}h {minutes}m {seconds}s"
                : minutes != 0 ? $"{sign}{minutes}m {seconds}s"
                : $"{sign}{GoFloat.FormatG4(v)}s";
        }

        var prefix = string.Empty;
        foreach (var p in Small)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }

            prefix = p;
            v *= 1000;
        }

        return GoFloat.FormatG4(v) + prefix + "s";
    }

    public static string Percentage(double v) => GoFloat.FormatG4(v * 100) + "%";
}
