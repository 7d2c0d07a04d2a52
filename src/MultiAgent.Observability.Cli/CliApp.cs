using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Reflection;
using MultiAgent.Observability.Cli.CommandLine;
using MultiAgent.Observability.Cli.Manifests;
using MultiAgent.Observability.Cli.Metrics;
using MultiAgent.Observability.Cli.Rules;
using MultiAgent.Observability.Cli.Traces;

namespace MultiAgent.Observability.Cli;

/// <summary>
/// The <c>multiagent</c> command, on System.CommandLine: every command, option and argument declares its own
/// description, so help and completion are generated. <see cref="Run"/> takes the writers so tests run it in-process;
/// Program only passes the console. Each command group is one <c>XCommand.Create</c>.
/// </summary>
internal sealed class CliApp
{
    private const string SuggestDirective = "[suggest";

    private readonly HelpWriter _help = new();
    private readonly Command _root;

    /// <summary>Initializes a new instance of the <see cref="CliApp"/> class with every command.</summary>
    public CliApp()
    {
        // A plain Command, not RootCommand, so the name is "multiagent" however the tool is started (dotnet tool shim,
        // dotnet MultiAgent.Observability.Cli.dll, a test host).
        _root = new Command(
            "multiagent",
            "Generate and validate the deployment bundle of a multi-agent system, check and export alert rules, lint metric "
            + "expositions and analyse exported traces. Exit codes: 0 success, 1 invalid input (every problem is printed as "
            + "file:line: message; nothing is written), 2 wrong command line, 3 unexpected internal error.")
        {
            ManifestsCommand.Create(_help),
            RulesCommand.Create(_help, OpenStandardInput),
            MetricsCommand.Create(_help, OpenStandardInput),
            TracesCommand.Create(_help, OpenStandardInput),
        };
        _help.AddTo(_root);
        _root.Options.Add(new VersionOption { Action = new VersionAction() });
        _root.SetAction(NoCommand);
        _help.WithExamples(
            _root,
            "multiagent manifests generate system.yaml --output deploy/",
            "multiagent rules check rules/*.yaml",
            "curl -s localhost:9100/metrics | multiagent metrics lint -",
            "multiagent traces analyze collector-export.jsonl");
    }

    /// <summary>Gets the standard input of commands that read <c>-</c>; tests replace it.</summary>
    public Func<Stream> StandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>Runs the command line and returns the exit code; never throws.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Where results and help go.</param>
    /// <param name="stderr">Where problems and errors go.</param>
    /// <returns>0 success, 1 invalid input, 2 usage error, 3 internal error.</returns>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            if (args.Length > 0 && args[0].StartsWith(SuggestDirective, StringComparison.Ordinal))
            {
                return Suggest(args, stdout);
            }

            var result = _root.Parse(args);
            if (result.Action is not CommandLineAction { ClearsParseErrors: true } && UsageErrors.First(result, args) is { } mistake)
            {
                throw new UsageException(mistake, result.CommandResult.Command);
            }

            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("multiagent: " + e.Message);
            stderr.WriteLine();
            _help.Write(e.Command, stderr);
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // The process must not die with a stack trace; a bug is reported in one line.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"multiagent: internal error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    private Stream OpenStandardInput() => StandardInput();

    private int NoCommand(ParseResult result) => throw new UsageException("no command given", _root);

    /// <summary>
    /// Shell completion in dotnet-suggest's protocol: <c>multiagent [suggest:POSITION] "COMMAND LINE"</c> prints one
    /// completion a line, computed from the command tree (commands, options, their values).
    /// </summary>
    private int Suggest(string[] args, TextWriter stdout)
    {
        var line = string.Join(' ', args[1..]);
        var directive = args[0];
        var position = directive.Length > SuggestDirective.Length + 2 && directive[SuggestDirective.Length] == ':'
            && int.TryParse(directive.AsSpan(SuggestDirective.Length + 1, directive.Length - SuggestDirective.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : line.Length;

        // Shells may pass the whole line, tool name included; the parser wants what follows it.
        var text = line == _root.Name || line.StartsWith(_root.Name + " ", StringComparison.Ordinal) ? line[_root.Name.Length..].TrimStart() : line;
        position = Math.Clamp(position - (line.Length - text.Length), 0, text.Length);
        foreach (var completion in _root.Parse(text).GetCompletions(position))
        {
            stdout.WriteLine(completion.Label);
        }

        return ExitCodes.Success;
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(
                typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
            return ExitCodes.Success;
        }
    }
}
