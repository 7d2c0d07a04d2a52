using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.TypeInspectors;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Writes a model (KubernetesClient's <c>V1*</c> types and our <c>[JsonPropertyName]</c> records) as one block-style
/// YAML document with YamlDotNet: keys named by <c>[JsonPropertyName]</c>, <c>apiVersion</c>/<c>kind</c>/<c>metadata</c>
/// first, then declaration order; nulls omitted; maps in insertion order (callers sort them); two-space indentation
/// with sequences at their key's column, as kubectl writes them; every string styled by <see cref="YamlQuoting"/>.
/// </summary>
internal static class YamlModelSerializer
{
    private static readonly EmitterSettings s_settings = EmitterSettings.Default
        .WithBestIndent(2)
        .WithBestWidth(int.MaxValue)
        .WithMaxSimpleKeyLength(int.MaxValue)
        .WithNewLine("\n");

    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .DisableAliases()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithTypeInspector(inner => new JsonNameTypeInspector(inner))
        .WithTypeConverter(new KubernetesScalarConverter())
        .WithEventEmitter(next => new QuotingEventEmitter(next))
        .Build();

    public static string Serialize(object model)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        s_serializer.Serialize(new Emitter(writer, s_settings), model);
        return writer.ToString();
    }

    /// <summary>Styles every string scalar by <see cref="YamlQuoting"/>: the seam KubernetesClient's own <c>StringQuotingEmitter</c> uses.</summary>
    private sealed class QuotingEventEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text)
            {
                eventInfo.Style = YamlQuoting.StyleOf(text);
            }

            base.Emit(eventInfo, emitter);
        }
    }

    /// <summary>Names properties by <c>[JsonPropertyName]</c> (as the Kubernetes API does), skips <c>[JsonIgnore]</c>, and puts <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> first.</summary>
    private sealed class JsonNameTypeInspector(ITypeInspector inner) : TypeInspectorSkeleton
    {
        private readonly ConcurrentDictionary<Type, IPropertyDescriptor[]> _properties = new();

        public override string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

        public override string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

        public override bool HasParseMethod(Type type) => inner.HasParseMethod(type);

        public override object? Parse(string value, Type type) => inner.Parse(value, type);

        public override IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) =>
            _properties.GetOrAdd(type, Inspect, inner);

        private static IPropertyDescriptor[] Inspect(Type type, ITypeInspector inner)
        {
            var result = new List<IPropertyDescriptor>();
            var order = 0;
            foreach (var property in inner.GetProperties(type, null))
            {
                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
                {
                    continue;
                }

                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                    ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var head = name switch { "apiVersion" => -3, "kind" => -2, "metadata" => -1, _ => order++ };
                result.Add(new PropertyDescriptor(property) { Name = name, Order = head });
            }

            result.Sort(static (a, b) => a.Order.CompareTo(b.Order));
            return [.. result];
        }
    }

    /// <summary>Writes <see cref="IntOrString"/> as a number when it holds one, and <see cref="ResourceQuantity"/> as its text.</summary>
    private sealed class KubernetesScalarConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(IntOrString) || type == typeof(ResourceQuantity);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
            throw new NotSupportedException("the manifest serializer only writes YAML");

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
        {
            var text = value switch
            {
                IntOrString intOrString => intOrString.Value ?? string.Empty,
                ResourceQuantity quantity => quantity.ToString(),
                _ => string.Empty,
            };
            var isNumber = value is IntOrString && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            emitter.Emit(new Scalar(null, null, text, isNumber ? ScalarStyle.Plain : YamlQuoting.StyleOf(text), true, false));
        }
    }
}
