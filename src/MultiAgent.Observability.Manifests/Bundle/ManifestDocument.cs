namespace MultiAgent.Observability.Manifests;

/// <summary>One generated Kubernetes object, rendered as a YAML document.</summary>
public sealed class ManifestDocument
{
    internal ManifestDocument(ManifestKind kind, string name, string? @namespace, string yaml)
    {
        KindInfo = kind;
        Name = name;
        Namespace = @namespace;
        Yaml = yaml;
    }

    /// <summary>Gets the object's <c>apiVersion</c>, such as <c>apps/v1</c>.</summary>
    public string ApiVersion => KindInfo.ApiVersion;

    /// <summary>Gets the object's <c>kind</c>, such as <c>Deployment</c>.</summary>
    public string Kind => KindInfo.Kind;

    /// <summary>Gets the object's <c>metadata.name</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the object's <c>metadata.namespace</c>; null for cluster-scoped objects (the Namespace).</summary>
    public string? Namespace { get; }

    /// <summary>Gets the YAML document, without a <c>---</c> separator, ending in a line feed.</summary>
    public string Yaml { get; }

    internal ManifestKind KindInfo { get; }

    /// <inheritdoc/>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
