using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Alerting.Templates;

/// <summary>
/// A label or annotation template in Prometheus' syntax: text with <c>{{ ... }}</c> actions over <c>$labels.name</c>,
/// <c>$value</c> (also <c>.Labels.name</c>, <c>.Value</c>), string and number literals, and the functions
/// <c>humanize</c>, <c>humanize1024</c>, <c>humanizeDuration</c>, <c>humanizePercentage</c>, <c>printf</c>, <c>toUpper</c>
/// and <c>toLower</c>, called directly or through pipes. Parsed once at load (syntax errors refuse the rule); rendering
/// never throws: a failing action becomes <c>&lt;error expanding template: …&gt;</c>, as in Prometheus, and is counted.
/// </summary>
internal sealed class AlertTemplate
{
    private static readonly HashSet<string> Functions =
        new(["humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "printf", "toUpper", "toLower"], StringComparer.Ordinal);

    private readonly object[] _parts;

    private AlertTemplate(string text, object[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>Gets the template source.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether the template has no action (its text is its value).</summary>
    public bool IsConstant => _parts.Length == 0 || (_parts.Length == 1 && _parts[0] is string);

    /// <summary>Parses a template; returns null with <paramref name="error"/> set when it does not parse.</summary>
    public static AlertTemplate? Parse(string text, out string? error)
    {
        error = null;
        var parts = new List<object>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(text[position..]);
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"unclosed action at column {open + 1}";
                return null;
            }

            var literal = text[position..open];
            var action = text[(open + 2)..close];
            if (action.StartsWith('-'))
            {
                literal = literal.TrimEnd();
                action = action[1..];
            }

            position = close + 2;
            if (action.EndsWith('-'))
            {
                action = action[..^1];
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }
            }

            if (literal.Length > 0)
            {
                parts.Add(literal);
            }

            var pipeline = ParsePipeline(action.Trim(), out error);
            if (pipeline is null)
            {
                error = $"action '{{{{{action}}}}}' at column {open + 1}: {error}";
                return null;
            }

            parts.Add(pipeline);
        }

        return new AlertTemplate(text, [.. parts]);
    }

    /// <summary>Renders the template; a failing action is replaced by its error text and counted in <paramref name="errors"/>.</summary>
    public string Render(IReadOnlyList<KeyValuePair<string, string>> labels, double value, ref int errors)
    {
        if (_parts.Length == 0)
        {
            return string.Empty;
        }

        if (_parts is [string only])
        {
            return only;
        }

        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part is string literal)
            {
                text.Append(literal);
                continue;
            }

            try
            {
                text.Append(Stringify(Run((Command[])part, labels, value)));
            }
            catch (FormatException e)
            {
                // The whole value becomes the error, as in Prometheus: a half-rendered annotation would mislead.
                errors++;
                return $"<error expanding template: {e.Message}>";
            }
        }

        return text.ToString();
    }

    private static Command[]? ParsePipeline(string action, out string? error)
    {
        error = null;
        if (action.Length == 0)
        {
            error = "empty action";
            return null;
        }

        var commands = new List<Command>();
        foreach (var segment in SplitPipes(action))
        {
            var words = Tokenize(segment.Trim(), out error);
            if (words is null)
            {
                return null;
            }

            if (words.Count == 0)
            {
                error = "empty command in a pipeline";
                return null;
            }

            string? function = null;
            var first = 0;
            if (words[0] is Word { Name: var name } && !name.StartsWith('$') && !name.StartsWith('.'))
            {
                if (!Functions.Contains(name))
                {
                    error = $"function \"{name}\" not defined";
                    return null;
                }

                function = name;
                first = 1;
            }

            var args = new List<object>();
            for (var i = first; i < words.Count; i++)
            {
                if (words[i] is Word word)
                {
                    var operand = Operand(word.Name, out error);
                    if (operand is null)
                    {
                        return null;
                    }

                    args.Add(operand);
                }
                else
                {
                    args.Add(words[i]);
                }
            }

            if (function is null && args.Count != 1)
            {
                error = "expected one value or a function call";
                return null;
            }

            if (commands.Count > 0 && function is null)
            {
                error = "a pipe must lead to a function";
                return null;
            }

            commands.Add(new Command(function, [.. args]));
        }

        return [.. commands];
    }

    private static object? Operand(string name, out string? error)
    {
        error = null;
        if (name is "$value" or ".Value")
        {
            return ValueRef.Instance;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["$labels.", ".Labels."])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                return new LabelRef(name[prefix.Length..]);
            }
        }

        error = name.StartsWith('$') ? $"undefined variable \"{name}\"" : $"unknown value \"{name}\"";
        return null;
    }

    private static IEnumerable<string> SplitPipes(string action)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < action.Length; i++)
        {
            if (action[i] == '"' && (i == 0 || action[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (action[i] == '|' && !quoted)
            {
                yield return action[start..i];
                start = i + 1;
            }
        }

        yield return action[start..];
    }

    private static List<object>? Tokenize(string command, out string? error)
    {
        error = null;
        var words = new List<object>();
        var i = 0;
        while (i < command.Length)
        {
            if (char.IsWhiteSpace(command[i]))
            {
                i++;
                continue;
            }

            if (command[i] == '"')
            {
                var text = new StringBuilder();
                i++;
                while (i < command.Length && command[i] != '"')
                {
                    if (command[i] == '\\' && i + 1 < command.Length)
                    {
                        i++;
                        text.Append(command[i] switch { 'n' => '\n', 't' => '\t', var c => c });
                    }
                    else
                    {
                        text.Append(command[i]);
                    }

                    i++;
                }

                if (i >= command.Length)
                {
                    error = "unterminated quoted string";
                    return null;
                }

                i++;
                words.Add(text.ToString());
                continue;
            }

            var start = i;
            while (i < command.Length && !char.IsWhiteSpace(command[i]))
            {
                i++;
            }

            var token = command[start..i];
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                words.Add(number);
            }
            else
            {
                words.Add(new Word(token));
            }
        }

        return words;
    }

    private static object Run(Command[] pipeline, IReadOnlyList<KeyValuePair<string, string>> labels, double value)
    {
        object? result = null;
        foreach (var command in pipeline)
        {
            var args = new List<object>(command.Args.Length + 1);
            foreach (var arg in command.Args)
            {
                args.Add(arg switch
                {
                    ValueRef => value,
                    LabelRef label => LabelValue(labels, label.Name),
                    _ => arg,
                });
            }

            if (result is not null)
            {
                args.Add(result);
            }

            result = command.Function is null ? args[0] : Call(command.Function, args);
        }

        return result!;
    }

    private static string LabelValue(IReadOnlyList<KeyValuePair<string, string>> labels, string name)
    {
        foreach (var (key, labelValue) in labels)
        {
            if (key == name)
            {
                return labelValue;
            }
        }

        // Prometheus expands with missingkey=zero: a missing label is the empty string.
        return string.Empty;
    }

    private static string Call(string function, List<object> args)
    {
        if (function == "printf")
        {
            return args.Count > 0 && args[0] is string format
                ? GoPrintf.Format(format, args.GetRange(1, args.Count - 1))
                : throw new FormatException("error calling printf: the first argument must be a format string");
        }

        if (args.Count != 1)
        {
            throw new FormatException($"wrong number of args for {function}: want 1 got {args.Count}");
        }

        return function switch
        {
            "toUpper" => Stringify(args[0]).ToUpperInvariant(),
            "toLower" => Stringify(args[0]).ToLowerInvariant(),
            "humanize" => Humanize.Number(ToFloat(function, args[0])),
            "humanize1024" => Humanize.Number1024(ToFloat(function, args[0])),
            "humanizeDuration" => Humanize.Duration(ToFloat(function, args[0])),
            _ => Humanize.Percentage(ToFloat(function, args[0])),
        };
    }

    private static double ToFloat(string function, object arg) => arg switch
    {
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new FormatException($"error calling {function}: strconv.ParseFloat: parsing \"{Stringify(arg)}\": invalid syntax"),
    };

    private static string Stringify(object value) => value switch
    {
        double d => GoFloat.Format(d),
        string s => s,
        _ => value.ToString() ?? string.Empty,
    };

    private sealed record Command(string? Function, object[] Args);

    private sealed record Word(string Name);

    private sealed record LabelRef(string Name);

    private sealed class ValueRef
    {
        public static readonly ValueRef Instance = new();
    }
}
