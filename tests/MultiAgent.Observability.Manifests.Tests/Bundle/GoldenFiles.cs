using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Manifests.Tests.Bundle;

/// <summary>
/// Compares bundle files byte for byte with the reviewed copies under <c>Golden/&lt;name&gt;/</c>. Set
/// <c>MAO_UPDATE_GOLDEN=1</c> to rewrite them instead (then review the diff like code).
/// </summary>
internal static class GoldenFiles
{
    public static string Root { get; } = Path.Combine(Peers.RepoRoot, "tests", "MultiAgent.Observability.Manifests.Tests", "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("MAO_UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string name, IReadOnlyList<BundleFile> files)
    {
        var directory = Path.Combine(Root, name);
        if (Updating)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            foreach (var file in files)
            {
                var path = Path.Combine(directory, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(file.Content));
            }
        }

        Assert.True(Directory.Exists(directory), $"no golden files in {directory}; run the tests once with MAO_UPDATE_GOLDEN=1 and review them");
        var expected = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(directory, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList());
        foreach (var file in files)
        {
            var golden = File.ReadAllBytes(Path.Combine(directory, file.Path));
            var actual = System.Text.Encoding.UTF8.GetBytes(file.Content);
            if (!golden.AsSpan().SequenceEqual(actual))
            {
                Assert.Fail($"{name}/{file.Path} differs from its golden file: {FirstDifference(System.Text.Encoding.UTF8.GetString(golden), file.Content)} (MAO_UPDATE_GOLDEN=1 rewrites the golden files)");
            }
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                return $"line {i + 1}: expected '{el}', got '{al}'";
            }
        }

        return "the bytes differ (line ends or encoding)";
    }
}
