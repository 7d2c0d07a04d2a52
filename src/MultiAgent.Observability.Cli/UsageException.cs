namespace MultiAgent.Observability.Cli;

/// <summary>A command-line mistake; <see cref="CliApp"/> prints it with the usage of <see cref="Help"/> and exits with 2.</summary>
internal sealed class UsageException(string message, string help) : Exception(message)
{
    /// <summary>Gets the usage text of the command the mistake was made in.</summary>
    public string Help { get; } = help;
}
