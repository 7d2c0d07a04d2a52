namespace MultiAgent.Observability.Cli.Tests;

/// <summary>The generated help of the rules, metrics and traces commands: usage, options and examples.</summary>
public sealed class CommandHelpTests
{
    [Theory]
    [InlineData(new[] { "rules", "--help" }, "multiagent rules [command] [options]", "multiagent rules check rules/*.yaml")]
    [InlineData(new[] { "rules", "check", "--help" }, "multiagent rules check <RULES.yaml>... [options]", "multiagent rules check rules/agents.yaml")]
    [InlineData(new[] { "rules", "export", "-h" }, "multiagent rules export <RULES.yaml> [options]", "multiagent rules export rules/agents.yaml --output")]
    [InlineData(new[] { "metrics", "--help" }, "multiagent metrics [command] [options]", "multiagent metrics lint -")]
    [InlineData(new[] { "metrics", "lint", "--help" }, "multiagent metrics lint <FILE> [options]", "multiagent metrics lint scrape.prom")]
    [InlineData(new[] { "traces", "--help" }, "multiagent traces [command] [options]", "multiagent traces analyze")]
    [InlineData(new[] { "traces", "analyze", "--help" }, "multiagent traces analyze <FILE> [options]", "multiagent traces analyze traces.jsonl")]
    public void Help_Exits0WithUsageOptionsAndExamples(string[] args, string usage, string example)
    {
        var run = CliRun.Of(args);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        var stdout = run.Stdout.ReplaceLineEndings("\n");
        Assert.Contains("Usage:\n  " + usage + "\n", stdout, StringComparison.Ordinal);
        Assert.Matches(@"Examples?:\n(  .+\n)*  .*" + System.Text.RegularExpressions.Regex.Escape(example), stdout);
    }

    [Theory]
    [InlineData(new[] { "rules", "export", "--help" }, "--prometheus-rule", "-o, --output <FILE>", "--namespace <NAMESPACE>")]
    [InlineData(new[] { "metrics", "lint", "--help" }, "--openmetrics", "--no-naming", "FILE")]
    [InlineData(new[] { "traces", "analyze", "--help" }, "--json", "-c, --chrome-trace <FILE>", "--trace <TRACE_ID>")]
    public void Help_ListsEveryOption(string[] args, params string[] options)
    {
        var run = CliRun.Of(args);

        Assert.All(options, o => Assert.Contains(o, run.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public void RootHelp_ListsEveryCommandGroup()
    {
        var run = CliRun.Of("--help");

        Assert.All(["manifests", "rules", "metrics", "traces"], c => Assert.Matches($@"\n  {c} +\S", run.Stdout.ReplaceLineEndings("\n")));
    }
}
