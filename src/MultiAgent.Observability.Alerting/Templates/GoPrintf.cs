using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Alerting.Templates;

/// <summary>The part of Go's <c>fmt.Sprintf</c> rule templates use: <c>%s %v %d %f %g %e %%</c> with an optional precision.</summary>
internal static class GoPrintf
{
    public static string Format(string format, List<object> args)
    {
        var text = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }

            if (++i >= format.Length)
            {
                throw new FormatException("error calling printf: a format ends with '%'");
            }

            int? precision = null;
            if (format[i] == '.')
            {
                var start = ++i;
                while (i < format.Length && char.IsAsciiDigit(format[i]))
                {
                    i++;
                }

                precision = i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : 0;
                if (i >= format.Length)
                {
                    throw new FormatException("error calling printf: a format ends inside a verb");
                }
            }

            var verb = format[i];
            if (verb == '%')
            {
                text.Append('%');
                continue;
            }

            if (next >= args.Count)
            {
                text.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var arg = args[next++];
            text.Append(verb switch
            {
                's' or 'v' => arg is double v ? GoFloat.Format(v) : Convert.ToString(arg, CultureInfo.InvariantCulture),
                'd' => arg is double d && d == Math.Floor(d) ? ((long)d).ToString(CultureInfo.InvariantCulture) : $"%!d({arg})",
                'f' => Number(arg).ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                'e' => Number(arg).ToString((precision ?? 6) > 0 ? "0." + new string('0', precision ?? 6) + "e+00" : "0e+00", CultureInfo.InvariantCulture),
                'g' => precision is { } p ? Number(arg).ToString("G" + p.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('E', 'e') : GoFloat.Format(Number(arg)),
                _ => throw new FormatException($"error calling printf: verb %{verb} is not supported"),
            });
        }

        return text.ToString();
    }

    private static double Number(object arg) => arg switch
    {
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"error calling printf: {arg} is not a number"),
    };
}
