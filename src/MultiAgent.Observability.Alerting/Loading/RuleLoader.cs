using MultiAgent.Observability.Alerting.Evaluation;

namespace MultiAgent.Observability.Alerting.Loading;

/// <summary>Loads every rule source of <see cref="AlertingOptions"/> (groups from code or configuration, then rule files), all or nothing.</summary>
internal static class RuleLoader
{
    /// <summary>The source name of groups set on <see cref="AlertingOptions.Groups"/>.</summary>
    public const string OptionsSource = "AlertingOptions.Groups";

    /// <summary>Loads and compiles every rule; throws with every problem when any rule is invalid.</summary>
    /// <exception cref="RuleValidationException">A rule is invalid.</exception>
    public static List<CompiledGroup> Load(AlertingOptions options)
    {
        var errors = new List<RuleError>();
        var groups = RuleCompiler.Compile([.. options.Groups], OptionsSource, null, options.EvaluationInterval, errors);
        foreach (var path in options.RuleFiles)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add(new RuleError { Source = path, Field = "(file)", Message = "cannot be read: " + e.Message });
                continue;
            }

            groups.AddRange(LoadFile(path, text, options.EvaluationInterval, errors));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!names.Add(group.Name))
            {
                errors.Add(new RuleError { Source = "rules", Field = "groups", Message = $"group '{group.Name}' is defined in more than one source" });
            }
        }

        return errors.Count > 0 ? throw new RuleValidationException(errors) : groups;
    }

    /// <summary>Reads and compiles one rule file's text; problems go to <paramref name="errors"/>.</summary>
    public static List<CompiledGroup> LoadFile(string source, string text, TimeSpan defaultInterval, List<RuleError> errors)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = RuleFileReader.Read(source, text, errors, lines);
        return RuleCompiler.Compile(read, source, field => LineOf(lines, field), defaultInterval, errors);
    }

    /// <summary>The line of a field, or of its nearest parent that has one.</summary>
    private static int LineOf(Dictionary<string, int> lines, string field)
    {
        while (true)
        {
            if (lines.TryGetValue(field, out var line))
            {
                return line;
            }

            var cut = Math.Max(field.LastIndexOf('.'), field.LastIndexOf('['));
            if (cut <= 0)
            {
                return 0;
            }

            field = field[..cut];
        }
    }
}
