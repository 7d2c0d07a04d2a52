using MultiAgent.Observability.Alerting.Loading;

namespace MultiAgent.Observability.Alerting;

/// <summary>Reads YAML rule files (Prometheus' shape plus our extensions) into rule groups, checking every rule.</summary>
public static class AlertRuleFile
{
    /// <summary>Reads and checks a rule file's text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="source">The name errors refer to (the file name).</param>
    /// <returns>The groups.</returns>
    /// <exception cref="RuleValidationException">The file has problems: every one is listed with its line and field.</exception>
    public static IReadOnlyList<AlertRuleGroup> Parse(string yaml, string source = "rules.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<RuleError>();
        var compiled = RuleLoader.LoadFile(source, yaml, TimeSpan.FromMinutes(1), errors);
        return errors.Count > 0 ? throw new RuleValidationException(errors) : [.. compiled.Select(static g => g.Source!)];
    }

    /// <summary>Reads and checks a rule file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The groups.</returns>
    /// <exception cref="RuleValidationException">The file has problems: every one is listed with its line and field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<AlertRuleGroup> Load(string path) => Parse(File.ReadAllText(path), path);
}
