namespace MultiAgent.Observability.Cli.Tests;

/// <summary>Runs <see cref="CliApp"/> in-process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args) => WithInput(null, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (for <c>-</c>).</summary>
    public static CliRun WithInput(byte[]? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var app = new CliApp { StandardInput = () => new MemoryStream(stdin ?? []) };
        var exitCode = app.Run(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
