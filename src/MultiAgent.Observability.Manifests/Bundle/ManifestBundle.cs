using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Everything generated for one system description, rendered in memory: the Kubernetes objects (per agent, per
/// namespace, mesh, monitoring), the plain Prometheus files and the Grafana dashboard. The same description always
/// gives byte-identical files (fixed order, sorted maps, LF line ends, no timestamps).
/// </summary>
public sealed class ManifestBundle
{
    /// <summary>The name of the file that lists the Kubernetes files for <c>kubectl apply -k</c>.</summary>
    public const string KustomizationFileName = "kustomization.yaml";

    private readonly IReadOnlyList<BundleFile> _extraFiles;
    private IReadOnlyList<BundleFile>? _filePerKind;
    private IReadOnlyList<BundleFile>? _singleFile;

    internal ManifestBundle(
        string systemName,
        IReadOnlyList<ManifestDocument> namespaceDocuments,
        IReadOnlyList<AgentManifests> agents,
        IReadOnlyList<ManifestDocument> meshDocuments,
        IReadOnlyList<ManifestDocument> monitoringDocuments,
        IReadOnlyList<BundleFile> extraFiles,
        IReadOnlyList<UnexportedPrometheusRule> unexportedRules)
    {
        UnexportedRules = unexportedRules;
        SystemName = systemName;
        NamespaceDocuments = namespaceDocuments;
        Agents = agents;
        MeshDocuments = meshDocuments;
        MonitoringDocuments = monitoringDocuments;
        _extraFiles = extraFiles;

        var all = new List<ManifestDocument>(namespaceDocuments.Count + meshDocuments.Count + monitoringDocuments.Count + (agents.Count * 6));
        all.AddRange(namespaceDocuments);
        foreach (var agent in agents)
        {
            all.AddRange(agent.Documents);
        }

        all.AddRange(meshDocuments);
        all.AddRange(monitoringDocuments);
        all.Sort(CompareApplyOrder);
        Documents = all;
    }

    /// <summary>Gets the host rules left out of the rule file and <c>PrometheusRule</c> because PromQL cannot express them, each with its reason; empty when every rule was exported.</summary>
    public IReadOnlyList<UnexportedPrometheusRule> UnexportedRules { get; }

    /// <summary>Gets the system name.</summary>
    public string SystemName { get; }

    /// <summary>Gets every Kubernetes object in apply order (by kind, then namespace, then name).</summary>
    public IReadOnlyList<ManifestDocument> Documents { get; }

    /// <summary>Gets the namespace-wide objects: the Namespace and its default-deny and DNS NetworkPolicies.</summary>
    public IReadOnlyList<ManifestDocument> NamespaceDocuments { get; }

    /// <summary>Gets the objects of each agent, ordered by agent id.</summary>
    public IReadOnlyList<AgentManifests> Agents { get; }

    /// <summary>Gets the Istio objects; empty when the mesh is off.</summary>
    public IReadOnlyList<ManifestDocument> MeshDocuments { get; }

    /// <summary>Gets the Prometheus-operator objects and the Grafana dashboard ConfigMap.</summary>
    public IReadOnlyList<ManifestDocument> MonitoringDocuments { get; }

    /// <summary>Gets the files of the <see cref="BundleLayout.FilePerKind"/> layout.</summary>
    public IReadOnlyList<BundleFile> Files => GetFiles(BundleLayout.FilePerKind);

    /// <summary>Returns the bundle's files in the given layout: the Kubernetes YAML, <c>kustomization.yaml</c>, and the
    /// <c>prometheus/</c> and <c>grafana/</c> files, which are the same in both layouts.</summary>
    /// <param name="layout">The layout.</param>
    /// <returns>The files, in a fixed order.</returns>
    public IReadOnlyList<BundleFile> GetFiles(BundleLayout layout) => layout switch
    {
        BundleLayout.FilePerKind => _filePerKind ??= RenderFilePerKind(),
        BundleLayout.SingleFile => _singleFile ??= RenderSingleFile(),
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown bundle layout"),
    };

    /// <summary>
    /// Writes the bundle to <paramref name="directory"/>: every file is rendered and written to a temporary sibling
    /// folder first, so a failure leaves the directory as it was; a new or empty directory is then moved into place whole.
    /// </summary>
    /// <remarks>
    /// The files written are listed in <c>.multiagent-bundle</c> in the directory. Writing again into a directory that
    /// holds a bundle replaces or removes only those files; anything else there (notes, a <c>.git</c> folder) is kept,
    /// and a file the generator did not write is never overwritten (the write is refused). A directory that is not
    /// empty and holds no bundle is refused.
    /// </remarks>
    /// <param name="directory">The bundle directory to create or regenerate.</param>
    /// <param name="layout">The layout of the Kubernetes files.</param>
    /// <exception cref="IOException">The directory holds files the generator did not write in its way, or a file system operation failed.</exception>
    public void WriteTo(string directory, BundleLayout layout = BundleLayout.FilePerKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        BundleDirectoryWriter.Write(directory, GetFiles(layout));
    }

    private static int CompareApplyOrder(ManifestDocument a, ManifestDocument b)
    {
        var byKind = a.KindInfo.Order.CompareTo(b.KindInfo.Order);
        if (byKind != 0)
        {
            return byKind;
        }

        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
    }

    private List<BundleFile> RenderFilePerKind()
    {
        var files = new List<BundleFile>(20);
        var start = 0;
        while (start < Documents.Count)
        {
            var kind = Documents[start].KindInfo;
            var end = start;
            var yaml = new List<string>();
            while (end < Documents.Count && Documents[end].KindInfo == kind)
            {
                yaml.Add(Documents[end].Yaml);
                end++;
            }

            files.Add(new BundleFile(kind.FileName, YamlText.Stream(yaml)));
            start = end;
        }

        return Finish(files);
    }

    private List<BundleFile> RenderSingleFile()
    {
        var yaml = new List<string>(Documents.Count);
        foreach (var document in Documents)
        {
            yaml.Add(document.Yaml);
        }

        return Finish([new BundleFile(SystemName + ".yaml", YamlText.Stream(yaml))]);
    }

    private List<BundleFile> Finish(List<BundleFile> kubernetesFiles)
    {
        var resources = new List<string>(kubernetesFiles.Count);
        foreach (var file in kubernetesFiles)
        {
            resources.Add(file.Path);
        }

        var kustomization = YamlText.Header + YamlText.Render(
            new Kustomization(ApiVersions.Kustomize, "Kustomization", resources));
        kubernetesFiles.Add(new BundleFile(KustomizationFileName, kustomization));
        kubernetesFiles.AddRange(_extraFiles);
        return kubernetesFiles;
    }
}
