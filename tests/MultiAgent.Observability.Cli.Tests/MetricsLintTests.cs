using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>
/// <c>multiagent metrics lint</c>, and its agreement with <c>promtool check metrics</c>: on the spec example, a
/// node-exporter payload and a file with one case per naming check, both report the same (metric, message) pairs and
/// both fail on the same bad line.
/// </summary>
public sealed class MetricsLintTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> PromtoolPayloads => ["spec-example.prom", "node-exporter.prom", "naming.prom"];

    [Theory]
    [MemberData(nameof(PromtoolPayloads))]
    public void Lint_AgreesWithPromtoolCheckMetrics(string name)
    {
        var file = TestData.Cli(name);
        var promtool = PromtoolProblems(file);

        var run = CliRun.Of("metrics", "lint", file);

        var ours = run.StderrLines
            .Where(l => l.StartsWith(file + ":", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(": ", file.Length, StringComparison.Ordinal) + 2)..])
            .Select(l => l.Replace(": ", " ", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(promtool.Order(StringComparer.Ordinal), ours);
        Assert.Equal(promtool.Count == 0 ? 0 : 1, run.ExitCode);
        Assert.NotEmpty(promtool);
    }

    [Fact]
    public void Lint_BadLine_ReportsTheLinePromtoolStopsAt()
    {
        var file = TestData.Cli("bad-line.prom");
        var (_, promtoolOutput) = Promtool(file);

        var run = CliRun.Of("metrics", "lint", file);

        Assert.Contains("parsing error in line 4", promtoolOutput, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{file}:4: expected ',' or '}}' after label 'agent_id'", run.StderrLines[0]);
    }

    [Fact]
    public void Lint_EveryBadLine_IsReportedAndTheRestStillLinted()
    {
        var file = _temp.Write("m.prom", "# HELP a_total A.\n# TYPE a_total counter\na_total 1\nb{ 2\nc 3 4 5\n# HELP d_total D.\n# TYPE d_total counter\nd_total 1\n");

        var run = CliRun.Of("metrics", "lint", "--no-naming", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(file + ":4: ", run.StderrLines[0], StringComparison.Ordinal);
        Assert.StartsWith(file + ":5: ", run.StderrLines[1], StringComparison.Ordinal);
        Assert.Equal($"multiagent: 2 problems in {file}", run.StderrLines[^1]);
    }

    [Fact]
    public void Lint_CleanPayloadFromStandardInput_Exits0()
    {
        var payload = "# HELP agent_calls_total Calls.\n# TYPE agent_calls_total counter\nagent_calls_total{agent_id=\"a\"} 3\n"u8.ToArray();

        var run = CliRun.WithInput(payload, "metrics", "lint", "-");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal("<stdin>: valid (1 families, 1 samples)", run.Stdout.Trim());
    }

    [Fact]
    public void Lint_OpenMetrics_StopsAtTheFirstErrorWithItsLine()
    {
        var valid = _temp.Write("ok.om", "# TYPE a counter\n# HELP a A.\na_total 1\n# EOF\n");
        var invalid = _temp.Write("bad.om", "# TYPE a counter\n# HELP a A.\na_total 1\n");

        var ok = CliRun.Of("metrics", "lint", "--openmetrics", valid);
        var bad = CliRun.Of("metrics", "lint", "--openmetrics", invalid);

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(invalid)}:\d+: ", bad.Stderr);
    }

    [Fact]
    public void Lint_MissingFile_Exits1()
    {
        var run = CliRun.Of("metrics", "lint", _temp.Combine("none.prom"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot be read", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "metrics" }, "no metrics command given")]
    [InlineData(new[] { "metrics", "lint" }, "missing the FILE argument")]
    [InlineData(new[] { "metrics", "lint", "a", "b" }, "unexpected argument 'b'")]
    [InlineData(new[] { "metrics", "lint", "a", "--strict" }, "unknown option '--strict'")]
    public void Run_UsageError_Exits2(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("multiagent: " + message, run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>promtool's lint lines, <c>metric message</c>; promtool exits 3 when it found naming problems.</summary>
    private static List<string> PromtoolProblems(string file)
    {
        var (exitCode, output) = Promtool(file);
        Assert.True(exitCode is 0 or 3, output);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static (int ExitCode, string Output) Promtool(string file)
    {
        var promtool = Peers.Require("promtool");
        return Peers.Run("/bin/sh", ["-c", "\"$0\" check metrics < \"$1\"", promtool, file]);
    }
}
