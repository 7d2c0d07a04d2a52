using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Chooses how a string is written so every YAML reader, 1.1 or 1.2, reads it back as the same string.
/// </summary>
/// <remarks>
/// A string is double-quoted when a YAML 1.1 or 1.2 reader could resolve it to a non-string (null and boolean words
/// such as <c>~</c>, <c>null</c>, <c>y</c>, <c>no</c>, <c>on</c>; anything that starts like a number, date or base-60
/// value and holds only characters such values can contain, so <c>0x1F</c>, <c>0777</c>, <c>1e3</c>, <c>1:30</c> and
/// <c>2.0.0</c> are quoted while <c>30s</c> and <c>250m</c> stay plain; <c>.inf</c>, <c>.nan</c>, <c>&lt;&lt;</c>,
/// <c>=</c>), or when it cannot be a plain scalar (leading indicator, <c>": "</c>, <c>" #"</c>, edge spaces, control
/// characters). Multi-line strings become literal blocks when that is exact, else double-quoted. kubectl reads YAML 1.1,
/// which is why <c>0x1F</c> and <c>1:30</c> must be quoted although YAML 1.2 core schema readers keep them strings.
/// </remarks>
internal static partial class YamlQuoting
{
    /// <summary>Returns the style that writes <paramref name="text"/> so that it reads back as this string.</summary>
    public static ScalarStyle StyleOf(string text)
    {
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            return CanBeLiteral(text) ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted;
        }

        return IsAmbiguous(text) || !IsPlainSafe(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain;
    }

    /// <summary>Returns whether a plain scalar with this text could be read as something other than a string.</summary>
    internal static bool IsAmbiguous(string value) => value.Length == 0 || Ambiguous().IsMatch(value);

    /// <summary>A literal block reproduces the text exactly only when it is printable, its first line does not start
    /// with a space (that would need an indentation indicator), no line ends in a space, and it ends in at most one line feed.</summary>
    private static bool CanBeLiteral(string text)
    {
        if (text[0] == ' ' || text.EndsWith("\n\n", StringComparison.Ordinal) || text.StartsWith('\n')
            || text.Contains(" \n", StringComparison.Ordinal) || text.EndsWith(' '))
        {
            return false;
        }

        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not '\n' and not '\t') || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainSafe(string text)
    {
        var first = text[0];
        if (first is ' ' || text[^1] is ' ' or ':')
        {
            return false;
        }

        if ("[]{},#&*!|>'\"%@`".Contains(first, StringComparison.Ordinal))
        {
            return false;
        }

        if (first is '-' or '?' or ':' && (text.Length == 1 || text[1] == ' '))
        {
            return false;
        }

        if (text is "---" or "..." || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(
        @"\A(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|<<|=|[-+]?\.?[0-9][0-9a-fA-FxXoO_.:+\-TtZz ]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Ambiguous();
}
