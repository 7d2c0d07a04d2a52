using System.Reflection;
using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability.Cli;

/// <summary>
/// The <c>multiagent</c> command. <see cref="Run"/> takes the writers so tests run it in-process; Program only
/// passes the console.
/// </summary>
internal sealed class CliApp
{
    internal const string RootHelp = """
        Usage: multiagent <command> [options]

        Commands:
          manifests    Generate or validate the deployment bundle of a multi-agent system.

        Options:
          -h, --help   Show help. Every command has its own: multiagent manifests generate --help
          --version    Show the version.

        Example:
          multiagent manifests generate system.yaml --output deploy/

        Exit codes: 0 success, 1 invalid input (every problem is printed; nothing is written),
        2 wrong command line, 3 unexpected internal error.

        """;

    internal const string ManifestsHelp = """
        Usage: multiagent manifests <command> [options]

        Commands:
          generate SYSTEM.yaml --output DIR [--single-file]
                       Validate the system description and write its Kubernetes, Istio,
                       Prometheus and Grafana bundle to DIR.
          validate SYSTEM.yaml
                       Check the system description and print every problem.

        Options:
          -h, --help   Show help.

        Examples:
          multiagent manifests validate system.yaml
          multiagent manifests generate system.yaml --output deploy/

        """;

    internal const string GenerateHelp = """
        Usage: multiagent manifests generate SYSTEM.yaml --output DIR [--single-file]

        Validates SYSTEM.yaml (YAML or JSON) and writes the deployment bundle to DIR: one file per
        kind in apply order plus kustomization.yaml (apply with: kubectl apply -k DIR), and the
        prometheus/ and grafana/ files. An invalid description writes nothing and prints every
        problem as file:line: path: message. DIR is replaced as a whole, and only when it is empty
        or holds a bundle generated before.

        Options:
          -o, --output DIR   The bundle directory (required).
          --single-file      Write all Kubernetes objects to one multi-document file instead.
          -h, --help         Show help.

        Example:
          multiagent manifests generate samples/manifests/multi-agent-system.yaml --output deploy/

        """;

    internal const string ValidateHelp = """
        Usage: multiagent manifests validate SYSTEM.yaml

        Checks SYSTEM.yaml (YAML or JSON) and prints every problem as file:line: path: message.
        Exit code 0 when valid, 1 when not.

        Options:
          -h, --help   Show help.

        Example:
          multiagent manifests validate samples/manifests/multi-agent-system.yaml

        """;

    private static readonly (string Name, string? Alias, bool TakesValue)[] GenerateOptions =
    [
        ("--output", "-o", true),
        ("--single-file", null, false),
    ];

    private readonly ManifestGenerator _orchestrator = new();

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
            return Root(args, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine("multiagent: " + e.Message);
            stderr.WriteLine();
            stderr.Write(e.Help);
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

    private int Root(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no command given", RootHelp);
        }

        switch (args[0])
        {
            case "-h" or "--help" or "help":
                stdout.Write(RootHelp);
                return ExitCodes.Success;
            case "--version":
                stdout.WriteLine(Version());
                return ExitCodes.Success;
            case "manifests":
                return Manifests(args[1..], stdout, stderr);
            default:
                throw new UsageException(args[0].StartsWith('-') ? $"unknown option '{args[0]}'" : $"unknown command '{args[0]}'", RootHelp);
        }
    }

    private int Manifests(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no manifests command given", ManifestsHelp);
        }

        switch (args[0])
        {
            case "-h" or "--help" or "help":
                stdout.Write(ManifestsHelp);
                return ExitCodes.Success;
            case "generate":
                return WantsHelp(args[1..]) ? Help(stdout, GenerateHelp) : Generate(args[1..], stdout, stderr);
            case "validate":
                return WantsHelp(args[1..]) ? Help(stdout, ValidateHelp) : Validate(args[1..], stdout, stderr);
            default:
                throw new UsageException(args[0].StartsWith('-') ? $"unknown option '{args[0]}'" : $"unknown command 'manifests {args[0]}'", ManifestsHelp);
        }
    }

    private int Generate(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var reader = new ArgumentReader(args, GenerateOptions, GenerateHelp);
        var file = SingleFile(reader, GenerateHelp);
        var output = reader.Value("--output") ?? throw new UsageException("missing --output DIR", GenerateHelp);
        var layout = reader.Has("--single-file") ? BundleLayout.SingleFile : BundleLayout.FilePerKind;

        var result = SystemDescriptionLoader.LoadFile(file);
        if (!result.IsValid)
        {
            return Problems(result.Problems, file, stderr);
        }

        ManifestBundle bundle;
        try
        {
            bundle = _orchestrator.Generate(result.Description);
        }
        catch (InvalidSystemDescriptionException e)
        {
            // The loader runs the same validator, so this only happens if the two disagree; still report, not crash.
            return Problems([.. e.Problems.Select(p => p with { File = file })], file, stderr);
        }

        try
        {
            bundle.WriteTo(output, layout);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"multiagent: cannot write the bundle to '{output}': {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var files = bundle.GetFiles(layout);
        stdout.WriteLine($"Wrote {files.Count} files for {result.Description.Agents.Count} agents to {output}:");
        foreach (var f in files)
        {
            stdout.WriteLine("  " + f.Path);
        }

        return ExitCodes.Success;
    }

    private static int Validate(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var reader = new ArgumentReader(args, [], ValidateHelp);
        var file = SingleFile(reader, ValidateHelp);
        var result = SystemDescriptionLoader.LoadFile(file);
        if (!result.IsValid)
        {
            return Problems(result.Problems, file, stderr);
        }

        var agents = result.Description.Agents.Count;
        stdout.WriteLine($"{file}: valid ({agents} {(agents == 1 ? "agent" : "agents")})");
        return ExitCodes.Success;
    }

    private static string SingleFile(ArgumentReader reader, string help) => reader.Positionals.Count switch
    {
        0 => throw new UsageException("missing the SYSTEM.yaml argument", help),
        1 => reader.Positionals[0],
        _ => throw new UsageException($"unexpected argument '{reader.Positionals[1]}'", help),
    };

    private static int Problems(IReadOnlyList<DescriptionProblem> problems, string file, TextWriter stderr)
    {
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.ToString());
        }

        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        stderr.WriteLine($"multiagent: {count} in {file}; nothing was written");
        return ExitCodes.InvalidInput;
    }

    private static bool WantsHelp(string[] args)
    {
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                return false;
            }

            if (arg is "-h" or "--help")
            {
                return true;
            }
        }

        return false;
    }

    private static int Help(TextWriter stdout, string help)
    {
        stdout.Write(help);
        return ExitCodes.Success;
    }

    private static string Version() =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
