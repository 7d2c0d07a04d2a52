namespace MultiAgent.Observability.Manifests;

/// <summary>One file of a bundle: its path relative to the bundle directory (with <c>/</c> separators) and its text (LF line ends).</summary>
/// <param name="Path">The relative path, such as <c>05-deployments.yaml</c> or <c>prometheus/multi-agent-system.rules.yaml</c>.</param>
/// <param name="Content">The file's text.</param>
public sealed record BundleFile(string Path, string Content);
