namespace MultiAgent.Observability.Manifests;

/// <summary>How <see cref="ManifestBundle"/> lays out its Kubernetes documents on disk.</summary>
public enum BundleLayout
{
    /// <summary>One file per object kind, numbered in apply order (<c>01-namespaces.yaml</c>, <c>05-deployments.yaml</c>, …).</summary>
    FilePerKind,

    /// <summary>One multi-document file holding every Kubernetes object in apply order.</summary>
    SingleFile,
}
