using System.CommandLine;

namespace MultiAgent.Observability.Cli;

/// <summary>A command-line mistake; <see cref="CliApp"/> prints it with the generated help of <see cref="Command"/> and exits with 2.</summary>
internal sealed class UsageException(string message, Command command) : Exception(message)
{
    /// <summary>Gets the command the mistake was made in, whose help is printed.</summary>
    public Command Command { get; } = command;
}
