using System.CommandLine;
using System.Text;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Cli.CommandLine;

namespace MultiAgent.Observability.Cli.Rules;

/// <summary><c>multiagent rules check|export</c>: alert rule files as the Alerting package loads them, and their Prometheus form.</summary>
internal static class RulesCommand
{
    /// <summary>The largest rule file read.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    private const string FileName = "RULES.yaml";
    private const string FileDescription = "A rule file: Prometheus' groups/rules shape plus the Alerting extensions (at most 4 MiB).";

    /// <summary>Creates the <c>rules</c> command and its subcommands.</summary>
    public static Command Create(HelpWriter help, Func<Stream> stdin)
    {
        var rules = new Command("rules", "Check alert rule files and export them for Prometheus.")
        {
            Check(help, stdin),
            Export(help, stdin),
        };
        rules.SetAction(int (_) => throw new UsageException("no rules command given", rules));
        return help.WithExamples(
            rules,
            "multiagent rules check rules/*.yaml",
            "multiagent rules export rules/agents.yaml --output prometheus/agents.rules.yaml");
    }

    private static Command Check(HelpWriter help, Func<Stream> stdin)
    {
        var files = new Argument<string[]>("RULES.yaml") { Description = "One or more rule files; - reads standard input.", Arity = ArgumentArity.OneOrMore };
        files.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => t.Value.Length == 0))
            {
                result.AddError($"the {FileName} argument is empty");
            }
        });
        var check = new Command(
            "check",
            "Load every rule file as the Alerting package does (YAML shape, expressions, durations, templates, labels) and "
            + "print every problem as file:line: field: message. A group name used in two files is a problem too. Exit code 0 when all are valid, 1 when not.")
        {
            files,
        };
        check.SetAction(result => RunCheck(result.GetValue(files)!, stdin, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return help.WithExamples(check, "multiagent rules check rules/agents.yaml rules/budgets.yaml");
    }

    private static Command Export(HelpWriter help, Func<Stream> stdin)
    {
        var file = PathInputs.File(FileName, FileDescription);
        var output = PathInputs.OutputFile("--output", "-o", "The file to write (required); written whole or not at all.");
        var prometheusRule = new Option<bool>("--prometheus-rule")
        {
            Description = "Write a Prometheus-operator PrometheusRule object instead of a Prometheus rule file.",
            Arity = ArgumentArity.Zero,
        };
        var name = PathInputs.Value("--name", "NAME", "The PrometheusRule's metadata.name.", "multiagent-rules");
        var ns = PathInputs.Value("--namespace", "NAMESPACE", "The PrometheusRule's metadata.namespace.", "monitoring");
        var export = new Command(
            "export",
            "Load a rule file and write it for Prometheus: a rule file (rule_files, promtool check rules) or, with "
            + "--prometheus-rule, a PrometheusRule. A rule PromQL cannot express (resolve_threshold, resolve_for, a no_data "
            + "policy other than resolve) is refused with its location, and nothing is written.")
        {
            file,
            output,
            prometheusRule,
            name,
            ns,
        };
        PathInputs.Require(export, output);
        export.SetAction(result => RunExport(
            result.GetValue(file)!,
            result.GetValue(output)!,
            result.GetValue(prometheusRule) ? (result.GetValue(name)!, result.GetValue(ns)!) : null,
            stdin,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return help.WithExamples(
            export,
            "multiagent rules export rules/agents.yaml --output agents.rules.yaml",
            "multiagent rules export rules/agents.yaml --output agents-rule.yaml --prometheus-rule --namespace monitoring");
    }

    private static int RunCheck(string[] files, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var problems = new List<string>();
        var groupsByName = new Dictionary<string, string>(StringComparer.Ordinal);
        var summaries = new List<string>();
        foreach (var file in files)
        {
            if (Load(file, stdin, problems) is not { } loaded)
            {
                continue;
            }

            var (text, groups) = loaded;
            var locations = RuleLocations.Of(text);
            var name = InputFile.DisplayName(file);
            foreach (var group in groups)
            {
                if (!groupsByName.TryAdd(group.Name, name))
                {
                    problems.Add($"{name}:{locations.GroupLine(group.Name)}: groups: group '{group.Name}' is also defined in {groupsByName[group.Name]}");
                }
            }

            var rules = groups.Sum(g => g.Rules.Count);
            summaries.Add($"{name}: valid ({Count(groups.Count, "group")}, {Count(rules, "rule")})");
        }

        if (problems.Count > 0)
        {
            return ProblemList.Print(problems, problems.Count, files.Length == 1 ? InputFile.DisplayName(files[0]) : $"{files.Length} rule files", stderr);
        }

        foreach (var summary in summaries)
        {
            stdout.WriteLine(summary);
        }

        return ExitCodes.Success;
    }

    private static int RunExport(string file, string output, (string Name, string Namespace)? prometheusRule, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var problems = new List<string>();
        if (Load(file, stdin, problems) is not { } loaded)
        {
            return ProblemList.Print(problems, problems.Count, InputFile.DisplayName(file) + "; nothing was written", stderr);
        }

        var (text, groups) = loaded;
        string yaml;
        try
        {
            yaml = prometheusRule is { } rule
                ? PrometheusRuleExport.ToPrometheusRule(groups, rule.Name, rule.Namespace)
                : PrometheusRuleExport.ToRuleFile(groups);
        }
        catch (RuleExportException e)
        {
            var locations = RuleLocations.Of(text);
            var name = InputFile.DisplayName(file);
            return ProblemList.Print([.. e.Reasons.Select(r => $"{name}:{locations.LineOfMessage(r)}: {r}")], e.Reasons.Count, name + "; nothing was written", stderr);
        }

        try
        {
            OutputFile.Write(output, stream => stream.Write(Encoding.UTF8.GetBytes(yaml)));
        }
        catch (Exception e) when (OutputFile.IsWriteFailure(e))
        {
            stderr.WriteLine($"multiagent: cannot write '{output}': {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var rules = groups.Sum(g => g.Rules.Count);
        stdout.WriteLine($"Wrote {Count(rules, "rule")} in {Count(groups.Count, "group")} to {output}");
        return ExitCodes.Success;
    }

    /// <summary>Reads and loads one file; its problems go to <paramref name="problems"/> as <c>file:line: field: message</c>.</summary>
    private static (string Text, IReadOnlyList<AlertRuleGroup> Groups)? Load(string file, Func<Stream> stdin, List<string> problems)
    {
        string text;
        try
        {
            text = InputFile.ReadText(file, MaxFileBytes, "a rule file", stdin);
        }
        catch (InputException e)
        {
            problems.Add(e.Message);
            return null;
        }

        try
        {
            return (text, AlertRuleFile.Parse(text, InputFile.DisplayName(file)));
        }
        catch (RuleValidationException e)
        {
            problems.AddRange(e.Errors.OrderBy(error => error.Line).Select(error => error.ToString()));
            return null;
        }
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
