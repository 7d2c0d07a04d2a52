using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>
/// Regenerating a bundle replaces only what the generator wrote (recorded in <c>.multiagent-bundle</c>); nothing else
/// in the directory is ever deleted or overwritten, and no staging folder outlives a run.
/// </summary>
public sealed class BundleDirectoryTests : IDisposable
{
    private const string Record = ".multiagent-bundle";

    private readonly TempDirectory _temp = new();

    private static string Sample => Path.Combine(Peers.RepoRoot, "samples", "manifests", "multi-agent-system.yaml");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Generate_RecordsEveryFileItWrote()
    {
        var output = _temp.Combine("bundle");

        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);

        var recorded = File.ReadAllLines(Path.Combine(output, Record)).Where(l => !l.StartsWith('#'));
        Assert.Equal(Files(output).Where(f => f != Record), recorded);
    }

    [Fact]
    public void Regenerate_KeepsNotesAndGitFolder_AndReplacesTheBundle()
    {
        var output = _temp.Combine("bundle");
        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);
        var generated = Snapshot(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep me");
        Directory.CreateDirectory(Path.Combine(output, ".git", "refs"));
        File.WriteAllText(Path.Combine(output, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(output, "kustomization.yaml"), "# edited by hand\n");

        var run = CliRun.Of("manifests", "generate", Sample, "--output", output);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.Equal("ref: refs/heads/main\n", File.ReadAllText(Path.Combine(output, ".git", "HEAD")));
        Assert.True(Directory.Exists(Path.Combine(output, ".git", "refs")));
        File.Delete(Path.Combine(output, "notes.txt"));
        Directory.Delete(Path.Combine(output, ".git"), recursive: true);
        Assert.Equal(generated, Snapshot(output));
    }

    [Fact]
    public void Regenerate_InAnotherLayout_RemovesOnlyTheFilesItNoLongerWrites()
    {
        var output = _temp.Combine("bundle");
        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);
        File.WriteAllText(Path.Combine(output, "prometheus", "mine.yaml"), "mine");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep me");

        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output, "--single-file").ExitCode);

        var fresh = _temp.Combine("fresh");
        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", fresh, "--single-file").ExitCode);
        Assert.Equal(Files(fresh).Append("notes.txt").Append("prometheus/mine.yaml").Order(StringComparer.Ordinal), Files(output));
        Assert.DoesNotContain("04-deployments.yaml", Files(output));
    }

    [Fact]
    public void Regenerate_OverAFileItDidNotWrite_RefusesAndChangesNothing()
    {
        var output = _temp.Combine("bundle");
        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);
        var record = Path.Combine(output, Record);
        File.WriteAllLines(record, File.ReadAllLines(record).Where(l => l != "grafana/multi-agent-system.json"));
        File.WriteAllText(Path.Combine(output, "grafana", "multi-agent-system.json"), "{ \"mine\": true }");
        var before = Snapshot(output);

        var run = CliRun.Of("manifests", "generate", Sample, "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"multiagent: cannot write the bundle to '{output}': '{Path.Combine(output, "grafana", "multi-agent-system.json")}' exists and was not written by the generator; move it away or choose another output directory (nothing was changed)",
            run.StderrLines[0]);
        Assert.Equal(before, Snapshot(output));
        Assert.Equal(["bundle"], Siblings());
    }

    [Fact]
    public void Generate_StaleStagingFolderOfAKilledRun_IsRemoved()
    {
        var output = _temp.Combine("bundle");

        // What a run killed half-way leaves: its process id (2147483647 is never a running process) and partial files.
        var stale = _temp.Combine(".bundle.staging-2147483647-abcd1234.xyz");
        Directory.CreateDirectory(Path.Combine(stale, "prometheus"));
        File.WriteAllText(Path.Combine(stale, "prometheus", "half.yaml"), "grou");
        var oldFormat = _temp.Combine(".bundle.staging-abcd1234.xyz");
        Directory.CreateDirectory(oldFormat);
        var running = _temp.Combine($".bundle.staging-{Environment.ProcessId}-live0000.xyz");
        Directory.CreateDirectory(running);

        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);

        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(oldFormat));
        Assert.True(Directory.Exists(running), "a staging folder of a running process is not stale");
    }

    [Fact]
    public void Generate_FailingWrite_LeavesNoStagingFolder()
    {
        var output = _temp.Combine("bundle");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, Record), "# recorded nothing\n");
        Directory.CreateDirectory(Path.Combine(output, "kustomization.yaml"));

        var run = CliRun.Of("manifests", "generate", Sample, "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"multiagent: cannot write the bundle to '{output}'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["bundle"], Siblings());
    }

    private string[] Siblings() => [.. Directory.GetFileSystemEntries(_temp.Path).Select(p => Path.GetFileName(p))];

    private static List<string> Files(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    private static string Snapshot(string directory) =>
        string.Join("\n", Files(directory).Select(f => f + "\n" + File.ReadAllText(Path.Combine(directory, f))));
}
