using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Cli.Tests;

public sealed class RulesCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Check_ValidFile_Exits0WithASummary()
    {
        var file = TestData.Rules("agents.yaml");

        var run = CliRun.Of("rules", "check", file);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal($"{file}: valid (1 group, 2 rules)", run.Stdout.Trim());
    }

    [Fact]
    public void Check_InvalidFile_Exits1WithEveryProblemAsFileLineFieldMessage()
    {
        var file = TestData.Rules("invalid.yaml");

        var run = CliRun.Of("rules", "check", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}:5: groups[0].rules[0].expr: expected ')'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{file}:9: groups[0].rules[1].for: 'five minutes' is not a duration", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith($"multiagent: 2 problems in {file}", run.Stderr.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Check_GroupInTwoFiles_Exits1NamingBothFilesAndTheLine()
    {
        var run = CliRun.Of("rules", "check", TestData.Rules("agents.yaml"), TestData.Rules("duplicate.yaml"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{TestData.Rules("duplicate.yaml")}:7: groups: group 'agents' is also defined in {TestData.Rules("agents.yaml")}", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("groups: [", ":2: (file): not valid YAML")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        color: red\n", ":6: groups[0].rules[0].color: unknown field")]
    public void Check_BadInput_Exits1WithItsLine(string yaml, string expected)
    {
        var file = _temp.Write("rules.yaml", yaml);

        var run = CliRun.Of("rules", "check", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(file + expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingFileAndStandardInput_AreReadOrReported()
    {
        var missing = _temp.Combine("none.yaml");

        var run = CliRun.Of("rules", "check", missing);
        var stdin = CliRun.WithInput(File.ReadAllBytes(TestData.Rules("agents.yaml")), "rules", "check", "-");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{missing}: cannot be read: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, "<stdin>: valid (1 group, 2 rules)"), (stdin.ExitCode, stdin.Stdout.Trim()));
    }

    [Fact]
    public void Check_NotUtf8OrTooLarge_Exits1WithAClearMessage()
    {
        var latin1 = _temp.Combine("latin1.yaml");
        File.WriteAllBytes(latin1, [.. "groups:\n  - name: caf"u8, 0xE9, .. "\n"u8]);
        var large = _temp.Combine("large.yaml");
        File.WriteAllText(large, "#" + new string('x', 5 * 1024 * 1024));

        var bad = CliRun.Of("rules", "check", latin1);
        var big = CliRun.Of("rules", "check", large);

        Assert.Equal((1, $"{latin1}:2: invalid UTF-8 at byte offset 21 of the file (byte 14 of the line, 0xE9); a rule file must be UTF-8 text"), (bad.ExitCode, bad.StderrLines[0]));
        Assert.Equal((1, $"{large}: the file is larger than 4194304 bytes; a rule file may have at most 4194304 (4 MiB), so reading stopped there"), (big.ExitCode, big.StderrLines[0]));
    }

    [Fact]
    public void Export_ValidFile_WritesARuleFilePromtoolAccepts()
    {
        var output = _temp.Combine("agents.rules.yaml");

        var run = CliRun.Of("rules", "export", TestData.Rules("agents.yaml"), "--output", output);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal($"Wrote 2 rules in 1 group to {output}", run.Stdout.Trim());
        var text = File.ReadAllText(output);
        Assert.Contains("alert: ToolFailures", text, StringComparison.Ordinal);
        Assert.Equal([output], Directory.GetFiles(_temp.Path));
        var promtool = Peers.Require("promtool");
        var (exitCode, promtoolOutput) = Peers.Run(promtool, ["check", "rules", output]);
        Assert.True(exitCode == 0, promtoolOutput);
        Assert.Contains("SUCCESS: 2 rules found", promtoolOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_PrometheusRule_WritesTheOperatorObjectWithNameAndNamespace()
    {
        var output = _temp.Combine("rule.yaml");

        var run = CliRun.Of("rules", "export", TestData.Rules("agents.yaml"), "-o", output, "--prometheus-rule", "--name", "agents", "--namespace", "mon");

        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(output);
        Assert.Contains("kind: PrometheusRule", text, StringComparison.Ordinal);
        Assert.Contains("name: agents\n  namespace: mon", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_RuleWithoutPromQLEquivalent_Exits1WithItsLineAndWritesNothing()
    {
        var file = TestData.Rules("hysteresis.yaml");
        var output = _temp.Combine("out.yaml");
        File.WriteAllText(output, "previous\n");

        var run = CliRun.Of("rules", "export", file, "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{file}:7: latency/Latency: a resolve threshold (hysteresis) has no PromQL equivalent", run.StderrLines[0]);
        Assert.Equal($"multiagent: 1 problem in {file}; nothing was written", run.StderrLines[^1]);
        Assert.Equal("previous\n", File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void Export_InvalidFileOrUnwritableOutput_Exits1WritingNothing()
    {
        var output = _temp.Combine("out.yaml");

        var invalid = CliRun.Of("rules", "export", TestData.Rules("invalid.yaml"), "--output", output);
        var unwritable = CliRun.Of("rules", "export", TestData.Rules("agents.yaml"), "--output", _temp.Combine(Path.Combine("no-such-dir", "out.yaml")));

        Assert.Equal(1, invalid.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Equal(1, unwritable.ExitCode);
        Assert.StartsWith("multiagent: cannot write ", unwritable.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "rules" }, "no rules command given")]
    [InlineData(new[] { "rules", "lint" }, "unknown command 'rules lint'")]
    [InlineData(new[] { "rules", "check" }, "missing the RULES.yaml argument")]
    [InlineData(new[] { "rules", "check", "" }, "the RULES.yaml argument is empty")]
    [InlineData(new[] { "rules", "export", "a.yaml" }, "missing --output FILE")]
    [InlineData(new[] { "rules", "export", "a.yaml", "-o", "" }, "option '--output' needs a value")]
    [InlineData(new[] { "rules", "export", "a.yaml", "-o", "x", "--namespace", "" }, "option '--namespace' needs a value")]
    [InlineData(new[] { "rules", "export", "a.yaml", "-o", "x", "--prometheus-rule=yes" }, "option '--prometheus-rule' takes no value")]
    public void Run_UsageError_Exits2WithMessageAndUsage(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("multiagent: " + message, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Stderr, StringComparison.Ordinal);
    }
}
