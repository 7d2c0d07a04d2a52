using System.CommandLine;
using MultiAgent.Observability.Cli.CommandLine;
using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability.Cli.Manifests;

/// <summary><c>multiagent manifests generate|validate</c>: the deployment bundle of a system description.</summary>
internal static class ManifestsCommand
{
    private const string FileName = "SYSTEM.yaml";
    private const string FileDescription = "The system description (YAML or JSON, at most 4 MiB).";

    /// <summary>Creates the <c>manifests</c> command and its subcommands.</summary>
    public static Command Create(HelpWriter help)
    {
        var manifests = new Command("manifests", "Generate or validate the deployment bundle of a multi-agent system.")
        {
            Generate(help),
            Validate(help),
        };
        manifests.SetAction(int (_) => throw new UsageException("no manifests command given", manifests));
        return help.WithExamples(
            manifests,
            "multiagent manifests validate system.yaml",
            "multiagent manifests generate system.yaml --output deploy/");
    }

    private static Command Generate(HelpWriter help)
    {
        var file = PathInputs.File(FileName, FileDescription);
        var output = PathInputs.Directory(
            "--output",
            "-o",
            "The bundle directory (required). Created when missing; an existing bundle is regenerated in place: the files "
            + "the last generation wrote are replaced, anything else in it is kept.");
        var singleFile = new Option<bool>("--single-file")
        {
            Description = "Write all Kubernetes objects to one multi-document file instead of one file per kind.",
            Arity = ArgumentArity.Zero,
        };
        var generate = new Command(
            "generate",
            "Validate the system description and write its Kubernetes, Istio, Prometheus and Grafana bundle to DIR: one "
            + "file per kind in apply order plus kustomization.yaml (apply with: kubectl apply -k DIR), and the prometheus/ "
            + "and grafana/ files. An invalid description writes nothing and prints every problem as file:line: path: message.")
        {
            file,
            output,
            singleFile,
        };
        PathInputs.Require(generate, output);
        generate.SetAction(result => RunGenerate(
            result.GetValue(file)!,
            result.GetValue(output)!,
            result.GetValue(singleFile) ? BundleLayout.SingleFile : BundleLayout.FilePerKind,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return help.WithExamples(generate, "multiagent manifests generate samples/manifests/multi-agent-system.yaml --output deploy/");
    }

    private static Command Validate(HelpWriter help)
    {
        var file = PathInputs.File(FileName, FileDescription);
        var validate = new Command(
            "validate",
            "Check the system description and print every problem as file:line: path: message. Exit code 0 when valid, 1 when not.")
        {
            file,
        };
        validate.SetAction(result => RunValidate(result.GetValue(file)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return help.WithExamples(validate, "multiagent manifests validate samples/manifests/multi-agent-system.yaml");
    }

    private static int RunGenerate(string file, string output, BundleLayout layout, TextWriter stdout, TextWriter stderr)
    {
        var result = SystemDescriptionLoader.LoadFile(file);
        if (!result.IsValid)
        {
            return ProblemReport.Print(result.Problems, file, stderr);
        }

        ManifestBundle bundle;
        try
        {
            bundle = new ManifestGenerator().Generate(result.Description);
        }
        catch (InvalidSystemDescriptionException e)
        {
            // The loader runs the same validator, so this only happens if the two disagree; still report, not crash.
            return ProblemReport.Print([.. e.Problems.Select(p => p with { File = file })], e.TotalProblemCount, file, stderr);
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

    private static int RunValidate(string file, TextWriter stdout, TextWriter stderr)
    {
        var result = SystemDescriptionLoader.LoadFile(file);
        if (!result.IsValid)
        {
            return ProblemReport.Print(result.Problems, file, stderr);
        }

        var agents = result.Description.Agents.Count;
        stdout.WriteLine($"{file}: valid ({agents} {(agents == 1 ? "agent" : "agents")})");
        return ExitCodes.Success;
    }
}
