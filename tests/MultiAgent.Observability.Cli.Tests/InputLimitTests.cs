using System.Text;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>
/// Hostile and unlucky inputs: every one ends with exit 1, one clear line naming the limit, bounded memory, and nothing
/// written.
/// </summary>
public sealed class InputLimitTests : IDisposable
{
    // Reading stops at 4 MiB + 1 byte; the buffers that take are a few times that, never the size of the input.
    private const long ReadAllocationBound = 64L * 1024 * 1024;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Validate_DevZero_StopsAtTheCapWithAClearMessage()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "/dev/zero exists on Linux and macOS only");

        var (run, allocated) = Measured(() => CliRun.Of("manifests", "validate", "/dev/zero"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "/dev/zero: the file is larger than 4194304 bytes; a system description may have at most 4194304 (4 MiB), so reading stopped there",
            run.StderrLines[0]);
        Assert.True(allocated < ReadAllocationBound, $"{allocated} bytes allocated reading /dev/zero");
    }

    [Fact]
    public async Task Validate_FifoWithMoreThanTheCap_StopsAtTheCap()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix feature");
        var fifo = _temp.Combine("system.yaml");
        Assert.Equal(0, MakeFifo(fifo));

        // The writer offers 16 MiB; the reader stops after 4 MiB and closes, which ends the writer with a broken pipe.
        var writer = Task.Run(() =>
        {
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                var chunk = Encoding.ASCII.GetBytes(new string('#', 64 * 1024));
                for (var i = 0; i < 256; i++)
                {
                    stream.Write(chunk);
                }
            }
            catch (IOException)
            {
                // Expected once the reader has stopped.
            }
        }, TestContext.Current.CancellationToken);

        var run = CliRun.Of("manifests", "validate", fifo);
        await writer.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the file is larger than 4194304 bytes", run.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidUtf8_IsRefusedWithItsLineAndByteOffset()
    {
        var file = _temp.Combine("system.yaml");
        File.WriteAllBytes(file, [.. "agents:\n  - agent_id: a\n    image: ghcr.io/"u8, 0xC3, 0x28, .. "/a\n"u8]);

        var run = CliRun.Of("manifests", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"{file}:3: invalid UTF-8 at byte offset 43 of the file (byte 20 of the line, 0xC3); a system description must be UTF-8 text",
            run.StderrLines[0]);
    }

    [Fact]
    public void Validate_Utf8WithByteOrderMark_IsRead()
    {
        var file = _temp.Combine("system.yaml");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "agents:\n  - agent_id: a\n    image: ghcr.io/acme/a\n"u8]);

        var run = CliRun.Of("manifests", "validate", file);

        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    [Fact]
    public void Generate_SharedEnvironmentAliasedByEveryAgent_IsRefusedNamingTheLimit()
    {
        // One environment map of N variables shared by N agents through *e is N² variables in the bundle.
        var text = new StringBuilder("agents:\n  - agent_id: a0\n    image: ghcr.io/acme/a\n    environment: &e\n");
        for (var i = 0; i < 400; i++)
        {
            text.Append("      VARIABLE_").Append(i).Append(": value\n");
        }

        for (var i = 1; i < 400; i++)
        {
            text.Append("  - agent_id: a").Append(i).Append("\n    image: ghcr.io/acme/a\n    environment: *e\n");
        }

        var file = _temp.Write("system.yaml", text.ToString());
        var output = _temp.Combine("bundle");

        var (run, allocated) = Measured(() => CliRun.Of("manifests", "generate", file, "--output", output));

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(
            @"^.+:\d+: the alias '\*e' \(repeating 801 values of '&e'\) takes the description past 50000 values \(keys, values and list items, each alias counting the values it repeats\), the most a system description may have$",
            run.StderrLines[0]);
        Assert.False(Directory.Exists(output));
        Assert.Equal([file], Directory.GetFileSystemEntries(_temp.Path));
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated} bytes allocated refusing a 20 KB alias bomb");
    }

    [Fact]
    public void Validate_LongTextRepeatedThroughAliases_IsRefusedNamingTheCharacterLimit()
    {
        var text = new StringBuilder("x: &long ").Append('a', 1024 * 1024).Append("\nagents:\n  - agent_id: a\n    image: ghcr.io/acme/a\n    labels:\n");
        for (var i = 0; i < 10; i++)
        {
            text.Append("      l").Append(i).Append(": *long\n");
        }

        var run = CliRun.Of("manifests", "validate", _temp.Write("system.yaml", text.ToString()));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(repeating 1048576 characters of '&long') takes the description past 8388608 characters", run.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AMillionListItems_IsRefusedAtTheValueLimitWithOneProblem()
    {
        var file = _temp.Write("system.yaml", "agents:\n" + string.Concat(Enumerable.Repeat("- x\n", 1_000_000)));

        var (run, allocated) = Measured(() => CliRun.Of("manifests", "validate", file));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.StderrLines.Length);
        Assert.Contains(": the description goes past 50000 values", run.StderrLines[0], StringComparison.Ordinal);
        Assert.True(allocated < 256L * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Validate_ThousandsOfProblems_PrintsTheFirstHundredThenTheCount()
    {
        var file = _temp.Write("system.yaml", "agents:\n" + string.Concat(Enumerable.Repeat("- x\n", 250)));

        var run = CliRun.Of("manifests", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ProblemReportMaxPrinted + 2, run.StderrLines.Length);
        Assert.All(run.StderrLines.Take(ProblemReportMaxPrinted), line => Assert.StartsWith(file + ":", line, StringComparison.Ordinal));
        Assert.Matches(@"^\.\.\. and \d+ more$", run.StderrLines[^2]);
        var total = int.Parse(run.StderrLines[^1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"... and {total - ProblemReportMaxPrinted} more", run.StderrLines[^2]);
    }

    [Fact]
    public void Validate_UnclosedFlowSequenceThatCrashedTheYamlScanner_IsASyntaxErrorNotAnInternalError()
    {
        // Found by GeneratePropertyTests: YamlDotNet throws InvalidOperationException here instead of a YamlException.
        var file = _temp.Write("system.yaml", "x: [a,b: c\nd: [e]\n");

        var run = CliRun.Of("manifests", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{file}:1: YAML syntax error: a flow collection ('[...]' or '{{...}}') is not closed where it should be", run.StderrLines[0]);
    }

    private static int ProblemReportMaxPrinted => Manifests.ProblemReport.MaxPrinted;

    private static (CliRun Run, long Allocated) Measured(Func<CliRun> run)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = run();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static int MakeFifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", [path]);
        process.WaitForExit();
        return process.ExitCode;
    }
}
