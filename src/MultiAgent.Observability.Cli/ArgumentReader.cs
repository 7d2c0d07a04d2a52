namespace MultiAgent.Observability.Cli;

/// <summary>
/// A small hand-rolled command-line reader: positional arguments, <c>--name value</c>, <c>--name=value</c>,
/// short aliases, flags, and <c>--</c> to end the options. Mistakes throw <see cref="UsageException"/>.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="args"/> against the options a command knows.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="options">The known options: canonical long name, short alias (or null), and whether it takes a value.</param>
    /// <param name="help">The command's usage, for mistakes.</param>
    public ArgumentReader(IReadOnlyList<string> args, IReadOnlyList<(string Name, string? Alias, bool TakesValue)> options, string help)
    {
        var endOfOptions = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (endOfOptions || arg == "-" || !arg.StartsWith('-'))
            {
                _positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                endOfOptions = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            var option = options.FirstOrDefault(o => o.Name == name || o.Alias == name);
            if (option.Name is null)
            {
                var known = string.Join(", ", options.Select(o => o.Name));
                throw new UsageException($"unknown option '{name}'{(known.Length > 0 ? $" (known: {known})" : "")}", help);
            }

            if (_options.ContainsKey(option.Name))
            {
                throw new UsageException($"option '{option.Name}' is given twice", help);
            }

            if (!option.TakesValue)
            {
                if (equals > 0)
                {
                    throw new UsageException($"option '{option.Name}' takes no value", help);
                }

                _options.Add(option.Name, null);
            }
            else if (equals > 0)
            {
                _options.Add(option.Name, RequireValue(option.Name, arg[(equals + 1)..], help));
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                _options.Add(option.Name, args[++i]);
            }
            else
            {
                throw new UsageException($"option '{option.Name}' needs a value", help);
            }
        }
    }

    /// <summary>Gets the positional arguments, in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Returns whether the flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>Returns the option's value, or null when not given.</summary>
    public string? Value(string name) => _options.GetValueOrDefault(name);

    private static string RequireValue(string name, string value, string help) =>
        value.Length > 0 ? value : throw new UsageException($"option '{name}' needs a value", help);
}
