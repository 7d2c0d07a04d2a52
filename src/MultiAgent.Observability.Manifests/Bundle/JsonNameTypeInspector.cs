using System.Text.Json.Serialization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.TypeInspectors;

namespace MultiAgent.Observability.Manifests;

/// <summary>Names YAML keys after <c>[JsonPropertyName]</c>, the attribute KubernetesClient's models and our own CRD records carry.</summary>
internal sealed class JsonNameTypeInspector(ITypeInspector inner) : TypeInspectorSkeleton
{
    public override string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public override string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public override bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public override object? Parse(string value, Type type) => inner.Parse(value, type);

    public override IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container)
    {
        foreach (var property in inner.GetProperties(type, container))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>();
            yield return name is null ? property : new PropertyDescriptor(property) { Name = name.Name };
        }
    }
}
