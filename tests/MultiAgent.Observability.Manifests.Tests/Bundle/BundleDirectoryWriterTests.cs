namespace MultiAgent.Observability.Manifests.Tests.Bundle;

public sealed class BundleDirectoryWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mao-writer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_AgainWithOtherFiles_KeepsForeignFilesAndRemovesOnlyRecordedOnes()
    {
        var target = Path.Combine(_root, "bundle");
        BundleDirectoryWriter.Write(target, [new("a.yaml", "a"), new("sub/b.yaml", "b")]);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "keep me");

        BundleDirectoryWriter.Write(target, [new("a.yaml", "a2"), new("c.yaml", "c")]);

        Assert.Equal("a2", File.ReadAllText(Path.Combine(target, "a.yaml")));
        Assert.Equal("c", File.ReadAllText(Path.Combine(target, "c.yaml")));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(target, "notes.txt")));
        Assert.False(Directory.Exists(Path.Combine(target, "sub")), "the folder of a removed file is removed when empty");
        Assert.Equal(["a.yaml", "c.yaml"], File.ReadAllLines(Path.Combine(target, BundleDirectoryWriter.RecordFileName)).Where(l => !l.StartsWith('#')));
        Assert.Equal(["bundle"], Directory.EnumerateFileSystemEntries(_root).Select(p => Path.GetFileName(p)));
    }

    [Fact]
    public void Write_RecordNamingAPathOutsideTheDirectory_NeverTouchesIt()
    {
        var target = Path.Combine(_root, "bundle");
        BundleDirectoryWriter.Write(target, [new("a.yaml", "a")]);
        var outside = Path.Combine(_root, "outside.txt");
        File.WriteAllText(outside, "not yours");
        File.AppendAllText(Path.Combine(target, BundleDirectoryWriter.RecordFileName), "../outside.txt\n/etc/hostname\n");

        BundleDirectoryWriter.Write(target, [new("b.yaml", "b")]);

        Assert.Equal("not yours", File.ReadAllText(outside));
        Assert.False(File.Exists(Path.Combine(target, "a.yaml")));
    }

    [Fact]
    public void Write_RecordNamingAFileByAnotherSpelling_KeepsTheFileThisGenerationWrites()
    {
        var target = Path.Combine(_root, "bundle");
        BundleDirectoryWriter.Write(target, [new("a.yaml", "a")]);
        File.AppendAllText(Path.Combine(target, BundleDirectoryWriter.RecordFileName), "sub/../a.yaml\n");

        BundleDirectoryWriter.Write(target, [new("a.yaml", "a2")]);

        Assert.Equal("a2", File.ReadAllText(Path.Combine(target, "a.yaml")));
    }

    [Fact]
    public void Write_FileOutsideTheBundle_IsRefusedAndLeavesNothing()
    {
        var target = Path.Combine(_root, "bundle");

        Assert.Throws<IOException>(() => BundleDirectoryWriter.Write(target, [new("../escape.yaml", "x")]));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }
}
