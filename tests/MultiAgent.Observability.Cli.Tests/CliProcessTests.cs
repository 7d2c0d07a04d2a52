using System.Diagnostics;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>
/// Runs the built tool as a real process (<c>dotnet MultiAgent.Observability.Cli.dll</c>, copied next to the tests by
/// the project reference) to prove the exit codes and streams the shell sees, not only what <see cref="CliApp"/> returns.
/// </summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "MultiAgent.Observability.Cli.dll");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Process_ExitCodes_Are0For_Success_1ForInvalidInput_2ForUsage()
    {
        Assert.True(File.Exists(CliDll), $"{CliDll} is missing");
        var sample = Path.Combine(Peers.RepoRoot, "samples", "manifests", "multi-agent-system.yaml");
        var invalid = _temp.Write("system.yaml", "agents:\n  - agent_id: Bad_Id\n    image: ghcr.io/x/a\n");
        var output = _temp.Combine("bundle");

        var help = Run("manifests", "generate", "--help");
        var valid = Run("manifests", "validate", sample);
        var generated = Run("manifests", "generate", sample, "--output", output);
        var bad = Run("manifests", "generate", invalid, "--output", _temp.Combine("not-written"));
        var usage = Run("manifests", "frobnicate");

        Assert.Equal((0, ""), (help.ExitCode, help.Stderr));
        Assert.Contains("Example:", help.Stdout, StringComparison.Ordinal);
        Assert.Equal((0, ""), (valid.ExitCode, valid.Stderr));
        Assert.Equal((0, ""), (generated.ExitCode, generated.Stderr));
        Assert.True(File.Exists(Path.Combine(output, "kustomization.yaml")));
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith($"{invalid}:2: agents[0].agent_id: 'Bad_Id' is not a valid agent id", bad.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("not-written")));
        Assert.Equal(2, usage.ExitCode);
        Assert.StartsWith("multiagent: unknown command 'manifests frobnicate'", usage.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_RulesMetricsTraces_ExitCodesAndStreams()
    {
        var traces = Path.Combine(Peers.RepoRoot, "tests", "MultiAgent.Observability.Tracing.Tests", "Import", "TestData");
        var truncated = _temp.Write("truncated.json", "{\"data\":[{\"spans\":[");

        var analyzed = Run("traces", "analyze", Path.Combine(traces, "jaeger-multi-agent.json"));
        var bad = Run("traces", "analyze", truncated);
        var rules = Run("rules", "check", TestData.Rules("invalid.yaml"));
        var lint = Run("metrics", "lint", TestData.Cli("spec-example.prom"), "--no-naming");
        var usage = Run("traces", "analyze");

        Assert.Equal((0, ""), (analyzed.ExitCode, analyzed.Stderr));
        Assert.Contains("Coordinator -> Researcher", analyzed.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith($"{truncated}:1: byte 19: the file ends inside a JSON value (truncated?)", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, rules.ExitCode);
        Assert.DoesNotContain("   at ", rules.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, ""), (lint.ExitCode, lint.Stderr));
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public void Process_DevStdinWithMoreThanTheCap_StopsAtTheCapWithAClearMessage()
    {
        Assert.SkipUnless(File.Exists("/dev/stdin"), "/dev/stdin exists on Linux and macOS only");

        // 16 MiB offered on standard input; the tool reads 4 MiB + 1 byte and stops, so the writer sees a closed pipe.
        var run = Run(["manifests", "validate", "/dev/stdin"], stdin =>
        {
            var chunk = new string('#', 64 * 1024);
            try
            {
                for (var i = 0; i < 256; i++)
                {
                    stdin.Write(chunk);
                }
            }
            catch (IOException)
            {
                // Expected once the tool has stopped reading.
            }
        });

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("/dev/stdin: the file is larger than 4194304 bytes;", run.Stderr, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Run(args, null);

    private static (int ExitCode, string Stdout, string Stderr) Run(string[] args, Action<StreamWriter>? stdin)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (stdin is not null)
        {
            stdin(process.StandardInput);
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The tool closed its end first.
            }
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"multiagent {string.Join(' ', args)} did not exit within 2 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
