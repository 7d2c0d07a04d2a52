using System.CommandLine;
using System.CommandLine.Parsing;

namespace MultiAgent.Observability.Cli.CommandLine;

/// <summary>
/// Turns a failed parse into one message in the tool's words: the option, command or argument that is wrong, by
/// name. The validators on the commands already speak them; this covers what System.CommandLine reports itself.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Returns the first mistake on the command line, or null when there is none.</summary>
    public static string? First(ParseResult result, IReadOnlyList<string> args)
    {
        var command = result.CommandResult.Command;

        // An unknown '-x' is taken as a value by System.CommandLine when an argument still has room; it is a mistake here
        // unless it comes after '--'. (No option takes a negative number; one that does needs this relaxed.)
        foreach (var token in result.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-')
            {
                return $"unknown option '{token.Value}'";
            }
        }

        if (FlagWithValue(command, args) is { } flag)
        {
            return $"option '{flag}' takes no value";
        }

        if (result.Errors.Count == 0)
        {
            return null;
        }

        if (result.UnmatchedTokens.Count > 0)
        {
            var token = result.UnmatchedTokens[0];
            return token.StartsWith('-') ? $"unknown option '{token}'"
                : command.Subcommands.Count > 0 ? $"unknown command '{Path(command, token)}'"
                : $"unexpected argument '{token}'";
        }

        var error = result.Errors[0];
        return error.SymbolResult switch
        {
            ArgumentResult { Tokens.Count: 0 } missing => $"missing the {missing.Argument.Name} argument",
            OptionResult { IdentifierTokenCount: > 1 } repeated => $"option '{repeated.Option.Name}' is given twice",
            _ => error.Message,
        };
    }

    /// <summary>The command's path without the tool's name, then <paramref name="word"/>: <c>manifests apply</c>.</summary>
    private static string Path(Command command, string word)
    {
        var path = word;
        for (var c = command; c.Parents.FirstOrDefault() is Command parent; c = parent)
        {
            path = c.Name + " " + path;
        }

        return path;
    }

    /// <summary>System.CommandLine splits <c>--flag=value</c> for every option; a flag takes no value, so that is a mistake.</summary>
    private static string? FlagWithValue(Command command, IReadOnlyList<string> args)
    {
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                break;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 1 || arg[0] != '-')
            {
                continue;
            }

            var name = arg[..equals];
            foreach (var option in command.Options)
            {
                if (option.Arity.MaximumNumberOfValues == 0 && (option.Name == name || option.Aliases.Contains(name)))
                {
                    return option.Name;
                }
            }
        }

        return null;
    }
}
