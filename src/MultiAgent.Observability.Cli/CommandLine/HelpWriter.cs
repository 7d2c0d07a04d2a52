using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace MultiAgent.Observability.Cli.CommandLine;

/// <summary>
/// System.CommandLine's generated help for a command, followed by the command's examples, so help is never hand-kept:
/// descriptions live on the commands, options and arguments, examples beside the command that runs them.
/// </summary>
internal sealed class HelpWriter
{
    // A fixed width keeps help identical on a terminal, in a pipe and in tests.
    private const int Width = 100;

    private readonly Dictionary<Command, string[]> _examples = [];
    private Command? _root;

    /// <summary>Records the examples shown at the end of <paramref name="command"/>'s help.</summary>
    public Command WithExamples(Command command, params string[] examples)
    {
        _examples.Add(command, examples);
        return command;
    }

    /// <summary>Adds the help option to <paramref name="root"/> (it applies to every subcommand), printing through this writer.</summary>
    public void AddTo(Command root)
    {
        var option = new HelpOption();
        option.Action = new Action(this, new HelpAction { MaxWidth = Width });
        root.Options.Add(option);
        _root = root;
    }

    /// <summary>Writes the help of <paramref name="command"/> to <paramref name="writer"/>, as <c>--help</c> would.</summary>
    public void Write(Command command, TextWriter writer)
    {
        var path = new List<string> { "--help" };
        for (var c = command; c != _root && c.Parents.FirstOrDefault() is Command parent; c = parent)
        {
            path.Insert(0, c.Name);
        }

        (_root ?? command).Parse(path).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
    }

    private sealed class Action(HelpWriter writer, HelpAction generated) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            generated.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            if (writer._examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                output.WriteLine(examples.Length == 1 ? "Example:" : "Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine("  " + example);
                }

                output.WriteLine();
            }

            return ExitCodes.Success;
        }
    }
}
