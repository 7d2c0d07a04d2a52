using System.Text.RegularExpressions;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Cli.Tests;

public sealed class CliAppTests : IDisposable
{
    private const string InvalidSystem = """
        namespace: Multi_Agents
        agents:
          - agent_id: Research_Agent
            image: ghcr.io/acme/research
            resources:
              memory_limit: 1GB
          - agent_id: writer-agent
            image: ghcr.io/acme/writer
            callers: [researcher]
        """;

    private readonly TempDirectory _temp = new();

    private static string Sample => Path.Combine(Peers.RepoRoot, "samples", "manifests", "multi-agent-system.yaml");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "deploy" }, "unknown command 'deploy'")]
    [InlineData(new[] { "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "manifests" }, "no manifests command given")]
    [InlineData(new[] { "manifests", "apply" }, "unknown command 'manifests apply'")]
    [InlineData(new[] { "manifests", "validate" }, "missing the SYSTEM.yaml argument")]
    [InlineData(new[] { "manifests", "validate", "a.yaml", "b.yaml" }, "unexpected argument 'b.yaml'")]
    [InlineData(new[] { "manifests", "validate", "a.yaml", "--output", "x" }, "unknown option '--output'")]
    [InlineData(new[] { "manifests", "generate", "a.yaml" }, "missing --output DIR")]
    [InlineData(new[] { "manifests", "generate", "--output", "x" }, "missing the SYSTEM.yaml argument")]
    [InlineData(new[] { "manifests", "generate", "a.yaml", "--output" }, "option '--output' needs a value")]
    [InlineData(new[] { "manifests", "generate", "a.yaml", "--output=" }, "option '--output' needs a value")]
    [InlineData(new[] { "manifests", "generate", "a.yaml", "-o", "x", "--output", "y" }, "option '--output' is given twice")]
    [InlineData(new[] { "manifests", "generate", "a.yaml", "-o", "x", "--single-file=yes" }, "option '--single-file' takes no value")]
    [InlineData(new[] { "manifests", "generate", "a.yaml", "-o", "x", "--singlefile" }, "unknown option '--singlefile'")]
    [InlineData(new[] { "manifests", "generate", "a.yaml", "--output", "" }, "option '--output' needs a value")]
    [InlineData(new[] { "manifests", "generate", "", "--output", "x" }, "the SYSTEM.yaml argument is empty")]
    [InlineData(new[] { "manifests", "validate", "" }, "the SYSTEM.yaml argument is empty")]
    [InlineData(new[] { "manifests", "generate", "--singlefile", "a.yaml", "-o", "x" }, "unknown option '--singlefile'")]
    [InlineData(new[] { "manifests", "generate", "a.yaml", "-o", "x", "--single-file", "true" }, "unexpected argument 'true'")]
    public void Run_UsageError_Exits2WithMessageAndUsage(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("multiagent: " + message, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:\n  multiagent", run.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--help" }, "multiagent [command] [options]")]
    [InlineData(new[] { "-h" }, "multiagent [command] [options]")]
    [InlineData(new[] { "manifests", "--help" }, "multiagent manifests [command] [options]")]
    [InlineData(new[] { "manifests", "generate", "--help" }, "multiagent manifests generate <SYSTEM.yaml> [options]")]
    [InlineData(new[] { "manifests", "generate", "x.yaml", "-o", "d", "-h" }, "multiagent manifests generate <SYSTEM.yaml> [options]")]
    [InlineData(new[] { "manifests", "validate", "-h" }, "multiagent manifests validate <SYSTEM.yaml> [options]")]
    public void Run_Help_Exits0WithUsageAndAnExample(string[] args, string usage)
    {
        var run = CliRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        var stdout = run.Stdout.ReplaceLineEndings("\n");
        Assert.Contains("Usage:\n  " + usage + "\n", stdout, StringComparison.Ordinal);
        Assert.Matches(@"Examples?:\n  multiagent manifests (generate|validate) \S+\.yaml", stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Run_OutputEmpty_IsAUsageErrorNotAnInternalError()
    {
        var run = CliRun.Of("manifests", "generate", Sample, "--output", "");

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Theory]
    [InlineData(new[] { "[suggest]", "manifests ge" }, "generate")]
    [InlineData(new[] { "[suggest:12]", "manifests va" }, "validate")]
    [InlineData(new[] { "[suggest]", "multiagent man" }, "manifests")]
    [InlineData(new[] { "[suggest]", "manifests generate --sin" }, "--single-file")]
    public void Run_SuggestDirective_CompletesFromTheCommandTree(string[] args, string completion)
    {
        var run = CliRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([completion], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Run_Version_Exits0AndPrintsAVersion()
    {
        var run = CliRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout);
    }

    [Fact]
    public void Run_ValidateSample_Exits0()
    {
        var run = CliRun.Of("manifests", "validate", Sample);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{Sample}: valid (2 agents)\n", run.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Run_ValidateInvalid_Exits1AndPrintsEveryProblemAsFileLinePathMessage()
    {
        var file = _temp.Write("system.yaml", InvalidSystem);

        var run = CliRun.Of("manifests", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}:1: namespace: 'Multi_Agents' is not a valid namespace name (DNS-1123 label: lower-case letters, digits and '-', at most 63 characters); did you mean 'multi-agents'?",
                $"{file}:3: agents[0].agent_id: 'Research_Agent' is not a valid agent id: object names are derived from it unchanged, so it must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter); did you mean 'research-agent'?",
                $"{file}:6: agents[0].resources.memory_limit: '1GB' is not a Kubernetes quantity; did you mean '1Gi'?",
                $"{file}:9: agents[1].callers[0]: 'researcher' is not an agent of this system",
                $"multiagent: 4 problems in {file}; nothing was written",
            ],
            run.StderrLines);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Run_GenerateInvalid_Exits1AndWritesNoFiles()
    {
        var file = _temp.Write("system.yaml", InvalidSystem);
        var output = _temp.Combine("bundle");

        var run = CliRun.Of("manifests", "generate", file, "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.All(run.StderrLines.SkipLast(1), line => Assert.Matches(@"^.+:\d+: [a-z_]+[\w\[\]."".-]*: .+$", line));
        Assert.False(Directory.Exists(output));
        Assert.Equal([file], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Run_GenerateInvalid_LeavesAnExistingBundleUntouched()
    {
        var output = _temp.Combine("bundle");
        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);
        var before = Snapshot(output);
        var file = _temp.Write("system.yaml", InvalidSystem);

        var run = CliRun.Of("manifests", "generate", file, "-o", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(before, Snapshot(output));
    }

    [Fact]
    public void Run_GenerateSyntaxError_Exits1WithTheLine()
    {
        var file = _temp.Write("system.yaml", "agents:\n  - agent_id: a\n   image: x\n");

        var run = CliRun.Of("manifests", "generate", file, "--output", _temp.Combine("out"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}:3: YAML syntax error: ", run.StderrLines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("out")));
    }

    [Fact]
    public void Run_MissingFile_Exits1AndNamesTheFile()
    {
        var file = _temp.Combine("missing.yaml");

        var run = CliRun.Of("manifests", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}: cannot read the file: ", run.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GenerateSample_WritesAKustomizeBundle()
    {
        var output = _temp.Combine("bundle");

        var run = CliRun.Of("manifests", "generate", Sample, "--output", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.StartsWith($"Wrote ", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "kustomization.yaml")));
        var kustomization = File.ReadAllText(Path.Combine(output, "kustomization.yaml"));
        var listedFiles = Regex.Matches(kustomization, @"^\s*- (\S+\.yaml)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(listedFiles);
        foreach (var listed in listedFiles)
        {
            Assert.True(File.Exists(Path.Combine(output, listed)), $"kustomization.yaml lists {listed}, which was not written");
        }

        Assert.Contains("agent-research-agent", string.Concat(Directory.GetFiles(output).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GenerateSingleFile_WritesFewerKubernetesFilesWithTheSameObjects()
    {
        var perKind = _temp.Combine("per-kind");
        var single = _temp.Combine("single");

        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", perKind).ExitCode);
        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", single, "--single-file").ExitCode);

        var perKindYaml = Directory.GetFiles(perKind, "*.yaml");
        var singleYaml = Directory.GetFiles(single, "*.yaml");
        Assert.True(singleYaml.Length < perKindYaml.Length, $"{singleYaml.Length} files in the single-file layout, {perKindYaml.Length} per kind");
        Assert.Equal(CountObjects(perKindYaml), CountObjects(singleYaml));
    }

    [Fact]
    public void Run_GenerateIntoADirectoryWithOtherFiles_Exits1AndKeepsThem()
    {
        var output = _temp.Combine("mine");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep me");

        var run = CliRun.Of("manifests", "generate", Sample, "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"multiagent: cannot write the bundle to '{output}'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public void Run_GenerateTwice_ReplacesTheBundleWithIdenticalBytes()
    {
        var output = _temp.Combine("bundle");
        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);
        var first = Snapshot(output);

        Assert.Equal(0, CliRun.Of("manifests", "generate", Sample, "--output", output).ExitCode);

        Assert.Equal(first, Snapshot(output));
    }

    private static int CountObjects(string[] files) =>
        files.Sum(f => File.ReadAllText(f).Split('\n').Count(line => line.StartsWith("kind: ", StringComparison.Ordinal)));

    private static string Snapshot(string directory) =>
        string.Join("\n", Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(directory, f) + "\n" + File.ReadAllText(f)));
}
