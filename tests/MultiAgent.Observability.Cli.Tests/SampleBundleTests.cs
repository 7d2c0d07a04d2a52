using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>
/// samples/manifests/bundle is committed so readers can see the output; it must equal a fresh generation byte for
/// byte, so it never goes stale. Regenerate it with the command in samples/manifests/README.md.
/// </summary>
public sealed class SampleBundleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string SampleDirectory => Path.Combine(Peers.RepoRoot, "samples", "manifests");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CommittedBundle_EqualsAFreshGeneration_ByteForByte()
    {
        var committed = Path.Combine(SampleDirectory, "bundle");
        var fresh = _temp.Combine("bundle");

        var run = CliRun.Of("manifests", "generate", Path.Combine(SampleDirectory, "multi-agent-system.yaml"), "--output", fresh);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var expected = Files(fresh);
        Assert.Equal(expected, Files(committed));
        foreach (var file in expected)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(fresh, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(committed, file))),
                $"samples/manifests/bundle/{file} is stale; regenerate it (see samples/manifests/README.md)");
        }
    }

    [Fact]
    public void CommittedBundle_KubernetesObjects_PassTheManifestValidator()
    {
        var validator = Peers.RequireManifestValidator();
        var node = Peers.Require("node");

        // kustomization.yaml is kustomize's file, not a Kubernetes object the schema validator knows.
        var files = Directory.GetFiles(Path.Combine(SampleDirectory, "bundle"), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal);
        var (exitCode, output) = Peers.Run(node, [validator, .. files]);

        Assert.True(exitCode == 0, output);
        Assert.Contains(", 0 invalid,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CommittedBundle_PrometheusRules_PassPromtool()
    {
        var promtool = Peers.Require("promtool");

        var (exitCode, output) = Peers.Run(promtool, ["check", "rules", Path.Combine(SampleDirectory, "bundle", "prometheus", "multi-agent-system.rules.yaml")]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    private static string[] Files(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
}
