namespace MultiAgent.Observability.Manifests.Tests.Bundle;

public sealed class ManifestBundleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mao-bundle-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void WriteTo_NewDirectory_WritesEveryFile()
    {
        var bundle = new ManifestGenerator().Generate(TestSystems.Large);
        var target = Path.Combine(_root, "out", "bundle");

        bundle.WriteTo(target);

        foreach (var file in bundle.Files)
        {
            Assert.Equal(file.Content, File.ReadAllText(Path.Combine(target, file.Path)));
        }

        Assert.Equal(bundle.Files.Count, Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count(p => Path.GetFileName(p) != BundleDirectoryWriter.RecordFileName));
        Assert.Equal(["bundle"], Directory.EnumerateFileSystemEntries(Path.Combine(_root, "out")).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteTo_PreviousBundle_ReplacesItWithoutStaleFiles()
    {
        var target = Path.Combine(_root, "bundle");
        new ManifestGenerator().Generate(TestSystems.Large).WriteTo(target);
        var small = new ManifestGenerator().Generate(TestSystems.Small);

        small.WriteTo(target, BundleLayout.SingleFile);

        var written = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(target, p).Replace('\\', '/')).Where(p => p != BundleDirectoryWriter.RecordFileName).Order(StringComparer.Ordinal);
        Assert.Equal(small.GetFiles(BundleLayout.SingleFile).Select(f => f.Path).Order(StringComparer.Ordinal), written);
        Assert.Equal(["bundle"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteTo_DirectoryWithOtherFiles_RefusesAndLeavesItUntouched()
    {
        var target = Path.Combine(_root, "mine");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "keep me");

        var error = Assert.Throws<IOException>(() => new ManifestGenerator().Generate(TestSystems.Small).WriteTo(target));

        Assert.Contains("refusing", error.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName));
        Assert.Equal(["mine"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteTo_InvalidDescription_WritesNothing()
    {
        var target = Path.Combine(_root, "bundle");
        var bad = TestSystems.Small with { Namespace = "Not A Namespace" };

        Assert.Throws<InvalidSystemDescriptionException>(() => new ManifestGenerator().Generate(bad).WriteTo(target));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public void GetFiles_SingleFile_OneStreamWithEveryDocumentInApplyOrder()
    {
        var bundle = new ManifestGenerator().Generate(TestSystems.Large);

        var stream = bundle.GetFiles(BundleLayout.SingleFile).Single(f => f.Path == "research-swarm.yaml").Content;

        Assert.Equal(bundle.Documents.Count, stream.Split("---\n").Length - 1);
        Assert.Equal(YamlHeader() + string.Concat(bundle.Documents.Select(d => "---\n" + d.Yaml)), stream);
        Assert.Equal("Namespace", bundle.Documents[0].Kind);
        Assert.Equal("ConfigMap", bundle.Documents[^1].Kind);
    }

    [Fact]
    public void Documents_GroupedViews_CoverEveryDocumentOnce()
    {
        var bundle = new ManifestGenerator().Generate(TestSystems.Large);

        var grouped = bundle.NamespaceDocuments.Concat(bundle.Agents.SelectMany(a => a.Documents)).Concat(bundle.MeshDocuments).Concat(bundle.MonitoringDocuments);

        Assert.Equal(bundle.Documents.Count, grouped.Count());
        Assert.Equal(bundle.Documents.ToHashSet(), grouped.ToHashSet());
        Assert.Equal(["coordinator", "critic", "planner", "researcher", "summarizer", "tool-runner", "writer"], bundle.Agents.Select(a => a.AgentId));
    }

    private static string YamlHeader() => new ManifestGenerator().Generate(TestSystems.Small).Files[0].Content.Split('\n')[0] + "\n";
}
