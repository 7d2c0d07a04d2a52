using System.Text.Json.Serialization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.TypeInspectors;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Names YAML keys after <c>[JsonPropertyName]</c>, the attribute KubernetesClient's models and our own CRD records
/// carry, and puts <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> first (the models declare them alphabetically,
/// which would put a ServiceAccount's <c>automountServiceAccountToken</c> above its <c>kind</c>).
/// </summary>
internal sealed class JsonNameTypeInspector(ITypeInspector inner) : TypeInspectorSkeleton
{
    public override string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public override string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public override bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public override object? Parse(string value, Type type) => inner.Parse(value, type);

    public override IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container)
    {
        var head = new IPropertyDescriptor?[3];
        var rest = new List<IPropertyDescriptor>();
        foreach (var property in inner.GetProperties(type, container))
        {
            var attribute = property.GetCustomAttribute<JsonPropertyNameAttribute>();
            var named = attribute is null ? property : new PropertyDescriptor(property) { Name = attribute.Name };
            var slot = named.Name switch { "apiVersion" => 0, "kind" => 1, "metadata" => 2, _ => -1 };
            if (slot >= 0)
            {
                head[slot] = named;
            }
            else
            {
                rest.Add(named);
            }
        }

        foreach (var property in head)
        {
            if (property is not null)
            {
                yield return property;
            }
        }

        foreach (var property in rest)
        {
            yield return property;
        }
    }
}
