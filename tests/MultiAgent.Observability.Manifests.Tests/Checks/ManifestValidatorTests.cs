using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Manifests.Tests.Checks;

/// <summary>Runs the real schema and name validator (shared/tools/manifest-validator, kubernetes-models) over generated bundles.</summary>
public sealed class ManifestValidatorTests
{
    [Theory]
    [MemberData(nameof(GeneratedBundles.Names), MemberType = typeof(GeneratedBundles))]
    public void Validate_FilePerKindBundle_EveryDocumentPassesStrict(string name) => AssertValid(name, BundleLayout.FilePerKind);

    [Theory]
    [InlineData("small")]
    [InlineData("large")]
    public void Validate_SingleFileBundle_EveryDocumentPassesStrict(string name) => AssertValid(name, BundleLayout.SingleFile);

    private static void AssertValid(string name, BundleLayout layout)
    {
        var validator = Peers.RequireManifestValidator();
        var bundle = GeneratedBundles.Get(name);
        var directory = GeneratedBundles.WriteToTemp(bundle, layout);
        var files = bundle.GetFiles(layout)
            .Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.Contains('/', StringComparison.Ordinal) && f.Path != ManifestBundle.KustomizationFileName)
            .Select(f => Path.Combine(directory, f.Path))
            .ToList();

        var (exitCode, output) = Peers.Run("node", ["validate.mjs", "--strict", .. files], workingDirectory: Path.GetDirectoryName(validator));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var failures = lines.Where(l => l.StartsWith("FAIL", StringComparison.Ordinal) || l.StartsWith("WARN", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0 && exitCode == 0, $"validator exit {exitCode} for bundle {name}; failing documents:\n{string.Join('\n', failures)}\n{output}");
        Assert.Equal(bundle.Documents.Count, lines.Count(l => l.StartsWith("OK", StringComparison.Ordinal)));
    }
}
