using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Manifests.Tests.Checks;

/// <summary>The bundles every peer check runs over: the small and large test systems, and each sample description.</summary>
internal static class GeneratedBundles
{
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string> { "small", "large" };
            foreach (var sample in SampleFiles())
            {
                names.Add("sample:" + Path.GetFileName(sample));
            }

            return names;
        }
    }

    public static ManifestBundle Get(string name) => name switch
    {
        "small" => new ManifestGenerator().Generate(TestSystems.Small),
        "large" => new ManifestGenerator().Generate(TestSystems.Large),
        _ when name.StartsWith("sample:", StringComparison.Ordinal) => Sample(name["sample:".Length..]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown bundle"),
    };

    /// <summary>Writes the bundle to a fresh temporary directory and returns it.</summary>
    public static string WriteToTemp(ManifestBundle bundle, BundleLayout layout = BundleLayout.FilePerKind)
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("mao-checks-").FullName, "bundle");
        bundle.WriteTo(directory, layout);
        return directory;
    }

    private static IEnumerable<string> SampleFiles()
    {
        var folder = Path.Combine(Peers.RepoRoot, "samples", "manifests");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            : [];
    }

    private static ManifestBundle Sample(string fileName)
    {
        var result = SystemDescriptionLoader.LoadFile(Path.Combine(Peers.RepoRoot, "samples", "manifests", fileName));
        Assert.True(result.IsValid, $"sample {fileName} is invalid:\n" + string.Join('\n', result.Problems));
        return new ManifestGenerator().Generate(result.Description!);
    }
}
