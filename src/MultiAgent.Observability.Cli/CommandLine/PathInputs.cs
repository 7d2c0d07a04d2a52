using System.CommandLine;
using System.CommandLine.Parsing;

namespace MultiAgent.Observability.Cli.CommandLine;

/// <summary>
/// The file argument and directory option every command shares, declared once with the checks that make a wrong
/// command line a usage error (exit 2): missing, empty, twice.
/// </summary>
internal static class PathInputs
{
    /// <summary>Creates the one input-file argument of a command, named <paramref name="name"/> in help and messages.</summary>
    public static Argument<string> File(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result => RequireNonEmpty(result, $"the {name} argument is empty", $"the {name} argument"));
        return argument;
    }

    /// <summary>Creates a required directory option (<c>--name</c>, <c>-alias</c>) shown as <c>DIR</c>.</summary>
    public static Option<string> Directory(string name, string alias, string description) =>
        NonEmpty(new Option<string>(name, alias) { Description = description, HelpName = "DIR", Arity = ArgumentArity.ZeroOrOne });

    /// <summary>Creates an output-file option (<c>--name</c>, <c>-alias</c>) shown as <c>FILE</c>.</summary>
    public static Option<string> OutputFile(string name, string alias, string description) =>
        NonEmpty(new Option<string>(name, alias) { Description = description, HelpName = "FILE", Arity = ArgumentArity.ZeroOrOne });

    /// <summary>Creates an optional text option with a default, shown as <paramref name="helpName"/>.</summary>
    public static Option<string> Value(string name, string helpName, string description, string defaultValue) =>
        NonEmpty(new Option<string>(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => defaultValue });

    private static Option<string> NonEmpty(Option<string> option)
    {
        var name = option.Name;
        option.Validators.Add(result =>
        {
            if (result.Implicit)
            {
                return;
            }

            if (result.Tokens.Count == 0)
            {
                result.AddError($"option '{name}' needs a value");
            }
            else if (result.Tokens.Count == 1)
            {
                RequireNonEmpty(result, $"option '{name}' needs a value", $"option '{name}'");
            }
        });
        return option;
    }

    /// <summary>Makes <paramref name="option"/> required on <paramref name="command"/>, reported as <c>missing --output DIR</c>.</summary>
    public static void Require(Command command, Option<string> option) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(option) is null)
            {
                result.AddError($"missing {option.Name} {option.HelpName}");
            }
        });

    private static void RequireNonEmpty(SymbolResult result, string emptyMessage, string what)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length == 0)
            {
                result.AddError(emptyMessage);
            }
            else if (token.Value.Contains('\0', StringComparison.Ordinal))
            {
                result.AddError($"{what} contains a NUL character");
            }
        }
    }
}
