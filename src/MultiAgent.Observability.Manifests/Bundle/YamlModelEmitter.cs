using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Writes a model (KubernetesClient's <c>V1*</c> types and our <c>[JsonPropertyName]</c> records) as one block-style
/// YAML document through YamlDotNet's <see cref="Emitter"/>: keys named by <c>[JsonPropertyName]</c>,
/// <c>apiVersion</c>/<c>kind</c>/<c>metadata</c> first, then declaration order; nulls omitted; maps in insertion order
/// (callers sort them); two-space indentation with sequences at their key's column, as kubectl writes them; every
/// string styled by <see cref="YamlQuoting"/>.
/// </summary>
/// <remarks>
/// The model is walked here, with the members of each type read once, and YamlDotNet writes the text (indentation,
/// escaping, block scalars); the quoting decision is made per scalar, as KubernetesClient's <c>StringQuotingEmitter</c>
/// makes it, with YAML 1.1's rules. YamlDotNet's object serializer did the same walk through a chain of visitors per
/// value: 2.6 times slower than this and 2.4 times the allocation on a 100-agent bundle (see
/// <c>benchmarks/results/ManifestGenerationBenchmarks-2026-11-29.md</c>).
/// </remarks>
internal static class YamlModelEmitter
{
    private static readonly EmitterSettings s_settings = EmitterSettings.Default
        .WithBestIndent(2)
        .WithBestWidth(int.MaxValue)
        .WithMaxSimpleKeyLength(int.MaxValue)
        .WithNewLine("\n");

    private static readonly ConcurrentDictionary<Type, Member[]> s_members = new();
    private static readonly StreamStart s_streamStart = new();
    private static readonly StreamEnd s_streamEnd = new();
    private static readonly DocumentStart s_documentStart = new(null, null, isImplicit: true);
    private static readonly DocumentEnd s_documentEnd = new(isImplicit: true);
    private static readonly MappingStart s_mappingStart = new(null, null, isImplicit: true, MappingStyle.Block);
    private static readonly MappingEnd s_mappingEnd = new();
    private static readonly SequenceStart s_sequenceStart = new(null, null, isImplicit: true, SequenceStyle.Block);
    private static readonly SequenceEnd s_sequenceEnd = new();

    public static string Serialize(object model)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, s_settings);
        emitter.Emit(s_streamStart);
        emitter.Emit(s_documentStart);
        WriteValue(emitter, model);
        emitter.Emit(s_documentEnd);
        emitter.Emit(s_streamEnd);
        return writer.ToString();
    }

    private static void WriteValue(IEmitter emitter, object value)
    {
        switch (value)
        {
            case string text:
                Text(emitter, text);
                return;
            case bool flag:
                Plain(emitter, flag ? "true" : "false");
                return;
            case int or long or short or byte or uint or ulong or decimal:
                Plain(emitter, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                return;
            case double or float:
                Plain(emitter, FormatDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                return;
            case IntOrString intOrString:
                var port = intOrString.Value ?? string.Empty;
                if (int.TryParse(port, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    Plain(emitter, port);
                }
                else
                {
                    Text(emitter, port);
                }

                return;
            case ResourceQuantity quantity:
                Text(emitter, quantity.ToString());
                return;
            case Enum:
                Text(emitter, value.ToString()!);
                return;
            case IDictionary dictionary:
                emitter.Emit(s_mappingStart);
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is not null)
                    {
                        Text(emitter, Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                        WriteValue(emitter, entry.Value);
                    }
                }

                emitter.Emit(s_mappingEnd);
                return;
            case IEnumerable sequence:
                emitter.Emit(s_sequenceStart);
                foreach (var item in sequence)
                {
                    if (item is null)
                    {
                        Plain(emitter, "null");
                    }
                    else
                    {
                        WriteValue(emitter, item);
                    }
                }

                emitter.Emit(s_sequenceEnd);
                return;
            default:
                emitter.Emit(s_mappingStart);
                foreach (var member in s_members.GetOrAdd(value.GetType(), Inspect))
                {
                    if (member.Property.GetValue(value) is { } memberValue)
                    {
                        Plain(emitter, member.Name);
                        WriteValue(emitter, memberValue);
                    }
                }

                emitter.Emit(s_mappingEnd);
                return;
        }
    }

    private static void Text(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(null, null, text, YamlQuoting.StyleOf(text), isPlainImplicit: true, isQuotedImplicit: true));

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(null, null, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    private static string FormatDouble(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Names properties by <c>[JsonPropertyName]</c> (as the Kubernetes API does), skips <c>[JsonIgnore]</c>, and puts <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> first.</summary>
    private static Member[] Inspect(Type type)
    {
        var members = new List<(int Order, Member Member)>();
        var order = 0;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var rank = name switch { "apiVersion" => -3, "kind" => -2, "metadata" => -1, _ => order++ };
            members.Add((rank, new Member(name, property)));
        }

        members.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        return [.. members.Select(static m => m.Member)];
    }

    private sealed record Member(string Name, PropertyInfo Property);
}
