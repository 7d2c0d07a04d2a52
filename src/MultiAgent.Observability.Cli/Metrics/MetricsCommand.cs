using System.CommandLine;
using MultiAgent.Observability.Cli.CommandLine;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Cli.Metrics;

/// <summary><c>multiagent metrics lint</c>: a Prometheus text or OpenMetrics exposition through the library's parser, plus promtool's naming checks.</summary>
internal static class MetricsCommand
{
    /// <summary>Creates the <c>metrics</c> command and its subcommand.</summary>
    public static Command Create(HelpWriter help, Func<Stream> stdin)
    {
        var metrics = new Command("metrics", "Lint Prometheus metric expositions.")
        {
            Lint(help, stdin),
        };
        metrics.SetAction(int (_) => throw new UsageException("no metrics command given", metrics));
        return help.WithExamples(metrics, "curl -s localhost:9100/metrics | multiagent metrics lint -");
    }

    private static Command Lint(HelpWriter help, Func<Stream> stdin)
    {
        var file = PathInputs.File("FILE", "The exposition to lint; - reads standard input.");
        var openMetrics = new Option<bool>("--openmetrics")
        {
            Description = "Parse as OpenMetrics 1.0 (ends with # EOF) instead of the Prometheus text format 0.0.4.",
            Arity = ArgumentArity.Zero,
        };
        var noNaming = new Option<bool>("--no-naming")
        {
            Description = "Report only format errors, not promtool's naming problems (help text, _total, camelCase, base units).",
            Arity = ArgumentArity.Zero,
        };
        var lint = new Command(
            "lint",
            "Parse an exposition with the library's streaming parser and print every problem as file:line: message: every "
            + "bad line (the parser skips it and goes on), then the naming problems promtool check metrics reports, as "
            + "file:line: metric: message. Exit code 0 when there are none, 1 when there are.")
        {
            file,
            openMetrics,
            noNaming,
        };
        lint.SetAction(result => Run(
            result.GetValue(file)!,
            result.GetValue(openMetrics) ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.PrometheusText004,
            !result.GetValue(noNaming),
            stdin,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return help.WithExamples(
            lint,
            "multiagent metrics lint scrape.prom",
            "curl -s -H 'Accept: application/openmetrics-text' localhost:8080/metrics | multiagent metrics lint --openmetrics -");
    }

    private static int Run(string file, ExpositionFormat format, bool naming, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var name = InputFile.DisplayName(file);
        ExpositionDocument document;
        try
        {
            using var stream = InputFile.Open(file, stdin);
            document = ExpositionDocument.LoadAsync(stream, format).GetAwaiter().GetResult();
        }
        catch (InputException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (ExpositionFormatException e)
        {
            // OpenMetrics is all or nothing: the parser stops at the first bad line.
            return ProblemList.Print([$"{name}:{e.LineNumber}: {e.Reason ?? e.Message}"], 1, name, stderr);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"{name}: cannot be read: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var problems = document.Result.Errors.Select(e => $"{name}:{e.LineNumber}: {e.Message}").ToList();
        var total = document.Result.ErrorCount;
        if (naming)
        {
            foreach (var family in document.Families)
            {
                var line = family.Samples.Count > 0 ? family.Samples[0].LineNumber : 0;
                foreach (var message in MetricsLinter.Lint(family, format == ExpositionFormat.OpenMetrics100))
                {
                    problems.Add($"{name}:{line}: {family.Name}: {message}");
                    total++;
                }
            }
        }

        if (total > 0)
        {
            return ProblemList.Print(problems, total, name, stderr);
        }

        stdout.WriteLine($"{name}: valid ({document.Result.Families} families, {document.Result.Samples} samples)");
        return ExitCodes.Success;
    }
}
