namespace MultiAgent.Observability.Manifests;

/// <summary>One file of a bundle: its path relative to the bundle directory (with <c>/</c> separators) and its text (LF line ends).</summary>
public sealed record BundleFile
{
    internal BundleFile(string path, string content)
    {
        Path = path;
        Content = content;
    }

    /// <summary>Gets the relative path, such as <c>04-deployments.yaml</c> or <c>prometheus/multi-agent-system.rules.yaml</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the file's text.</summary>
    public string Content { get; }
}
