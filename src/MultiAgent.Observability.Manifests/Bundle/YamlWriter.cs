using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Writes a model (KubernetesClient's <c>V1*</c> types and our <c>[JsonPropertyName]</c> records) as one block-style
/// YAML document: keys named by <c>[JsonPropertyName]</c>, <c>apiVersion</c>/<c>kind</c>/<c>metadata</c> first, then
/// declaration order; nulls omitted; maps in insertion order (callers sort them); two-space indentation with
/// sequences at their key's column, as kubectl writes them.
/// </summary>
/// <remarks>
/// <para>Why not KubernetesYaml or YamlDotNet: both spent about a millisecond per Deployment in reflection over
/// attributes and event objects (a 100-agent bundle took over 100 ms); and KubernetesYaml leaves <c>0x1F</c> and
/// <c>1:30</c> unquoted, which kubectl's YAML 1.1 reader turns into numbers.</para>
/// <para>Quoting: a string is double-quoted when a YAML 1.1 or 1.2 reader could resolve it to a non-string (null and
/// boolean words such as <c>~</c>, <c>null</c>, <c>y</c>, <c>no</c>, <c>on</c>; anything that starts like a number, date
/// or base-60 value and holds only characters such values can contain, so <c>0x1F</c>, <c>0777</c>, <c>1e3</c>,
/// <c>1:30</c> and <c>2.0.0</c> are quoted while <c>30s</c> and <c>250m</c> stay plain; <c>.inf</c>, <c>.nan</c>,
/// <c>&lt;&lt;</c>, <c>=</c>), or when it cannot be a plain scalar (leading indicator, <c>": "</c>, <c>" #"</c>, edge
/// spaces, control characters). Multi-line strings become literal blocks when that is exact, else double-quoted.</para>
/// </remarks>
internal static partial class YamlWriter
{
    private static readonly ConcurrentDictionary<Type, Member[]> s_members = new();

    public static string Write(object model)
    {
        var builder = new StringBuilder(2048);
        WriteValue(builder, model, indent: 0, context: Context.Document);
        return builder.ToString();
    }

    internal static bool IsAmbiguous(string value) => value.Length == 0 || Ambiguous().IsMatch(value);

    private enum Context
    {
        Document,
        MappingValue,
        SequenceItem,
    }

    private static void WriteValue(StringBuilder builder, object value, int indent, Context context)
    {
        switch (value)
        {
            case string text:
                WriteString(builder, text, indent);
                return;
            case bool flag:
                builder.Append(flag ? "true" : "false").Append('\n');
                return;
            case int or long or short or byte or uint or ulong or decimal:
                builder.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)).Append('\n');
                return;
            case double number:
                builder.Append(FormatDouble(number)).Append('\n');
                return;
            case float number:
                builder.Append(FormatDouble(number)).Append('\n');
                return;
            case IntOrString intOrString:
                if (int.TryParse(intOrString.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port))
                {
                    builder.Append(port.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
                else
                {
                    WriteString(builder, intOrString.Value ?? string.Empty, indent);
                }

                return;
            case ResourceQuantity quantity:
                WriteString(builder, quantity.ToString(), indent);
                return;
            case Enum:
                WriteString(builder, value.ToString()!, indent);
                return;
            case IDictionary dictionary:
                WriteMapping(builder, Entries(dictionary), indent, context);
                return;
            case IEnumerable sequence:
                WriteSequence(builder, sequence, indent, context);
                return;
            default:
                WriteMapping(builder, Properties(value), indent, context);
                return;
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            yield return new(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!, entry.Value);
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Properties(object value)
    {
        foreach (var member in s_members.GetOrAdd(value.GetType(), Inspect))
        {
            yield return new(member.Name, member.Property.GetValue(value));
        }
    }

    /// <summary>
    /// Writes a mapping. The caller has written <c>key:</c> (context <see cref="Context.MappingValue"/>: the line break
    /// comes here, or <c> {}</c> when empty) or <c>- </c> (context <see cref="Context.SequenceItem"/>: the first key
    /// shares the dash's line).
    /// </summary>
    private static void WriteMapping(StringBuilder builder, IEnumerable<KeyValuePair<string, object?>> entries, int indent, Context context)
    {
        var first = true;
        foreach (var (key, value) in entries)
        {
            if (value is null)
            {
                continue;
            }

            if (first && context == Context.MappingValue)
            {
                builder.Append('\n');
            }

            if (!(first && context == Context.SequenceItem))
            {
                builder.Append(' ', indent);
            }

            first = false;
            WriteKey(builder, key);
            if (IsScalar(value))
            {
                builder.Append(": ");
                WriteValue(builder, value, indent + 2, Context.MappingValue);
            }
            else
            {
                // Sequences sit at their key's column (kubectl style); mappings indent by two.
                builder.Append(':');
                WriteValue(builder, value, IsSequence(value) ? indent : indent + 2, Context.MappingValue);
            }
        }

        if (first)
        {
            builder.Append(context == Context.MappingValue ? " {}\n" : "{}\n");
        }
    }

    private static void WriteSequence(StringBuilder builder, IEnumerable sequence, int indent, Context context)
    {
        var first = true;
        foreach (var item in sequence)
        {
            if (first && context == Context.MappingValue)
            {
                builder.Append('\n');
            }

            if (!(first && context == Context.SequenceItem))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append("- ");
            if (item is null)
            {
                builder.Append("null\n");
            }
            else
            {
                WriteValue(builder, item, indent + 2, Context.SequenceItem);
            }
        }

        if (first)
        {
            builder.Append(context == Context.MappingValue ? " []\n" : "[]\n");
        }
    }

    private static bool IsScalar(object value) =>
        value is string or bool or int or long or short or byte or uint or ulong or decimal or double or float or IntOrString or ResourceQuantity or Enum;

    private static bool IsSequence(object value) => value is IEnumerable and not IDictionary and not string;

    private static void WriteKey(StringBuilder builder, string key)
    {
        if (IsAmbiguous(key) || !IsPlainSafe(key))
        {
            AppendDoubleQuoted(builder, key);
        }
        else
        {
            builder.Append(key);
        }
    }

    private static void WriteString(StringBuilder builder, string text, int indent)
    {
        if (text.Contains('\n', StringComparison.Ordinal) && CanBeLiteral(text))
        {
            var body = text.EndsWith('\n') ? text[..^1] : text;
            builder.Append(text.EndsWith('\n') ? "|\n" : "|-\n");
            foreach (var line in body.Split('\n'))
            {
                if (line.Length > 0)
                {
                    builder.Append(' ', indent).Append(line);
                }

                builder.Append('\n');
            }

            return;
        }

        if (IsAmbiguous(text) || !IsPlainSafe(text))
        {
            AppendDoubleQuoted(builder, text);
        }
        else
        {
            builder.Append(text);
        }

        builder.Append('\n');
    }

    /// <summary>A literal block reproduces the text exactly only when it is printable, its first line does not start
    /// with a space (that would need an indentation indicator), and it ends in at most one line feed.</summary>
    private static bool CanBeLiteral(string text)
    {
        if (text[0] == ' ' || text.EndsWith("\n\n", StringComparison.Ordinal) || text.StartsWith('\n'))
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

    private static void AppendDoubleQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static string FormatDouble(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static Member[] Inspect(Type type)
    {
        var head = new Member?[3];
        var rest = new List<Member>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicyCamelCase(property.Name);
            var member = new Member(name, property);
            var slot = name switch { "apiVersion" => 0, "kind" => 1, "metadata" => 2, _ => -1 };
            if (slot >= 0)
            {
                head[slot] = member;
            }
            else
            {
                rest.Add(member);
            }
        }

        var ordered = new List<Member>(rest.Count + 3);
        foreach (var member in head)
        {
            if (member is not null)
            {
                ordered.Add(member);
            }
        }

        ordered.AddRange(rest);
        return [.. ordered];
    }

    private static string JsonNamingPolicyCamelCase(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    [GeneratedRegex(
        @"\A(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|<<|=|[-+]?\.?[0-9][0-9a-fA-FxXoO_.:+\-TtZz ]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Ambiguous();

    private sealed record Member(string Name, PropertyInfo Property);
}
