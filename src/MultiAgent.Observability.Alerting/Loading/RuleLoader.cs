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
        groups.AddRange(CompileBudgets([.. options.Budgets], BudgetsSource, null, options.EvaluationInterval, errors));
        if (options.LoopAlerts.Enabled && Budgets.BudgetRules.ToLoopGroup(options.LoopAlerts, LoopAlertsSource, errors) is { } loops)
        {
            groups.AddRange(RuleCompiler.Compile([loops], LoopAlertsSource, null, options.EvaluationInterval, errors));
        }

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

    /// <summary>The source name of budgets set on <see cref="AlertingOptions.Budgets"/>.</summary>
    public const string BudgetsSource = "AlertingOptions.Budgets";

    /// <summary>The source name of the loop alerts of <see cref="AlertingOptions.LoopAlerts"/>.</summary>
    public const string LoopAlertsSource = "AlertingOptions.LoopAlerts";

    /// <summary>Reads and compiles one rule file's text (its groups, then its budgets); problems go to <paramref name="errors"/>.</summary>
    public static List<CompiledGroup> LoadFile(string source, string text, TimeSpan defaultInterval, List<RuleError> errors)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var budgets = new List<CostBudget>();
        var read = RuleFileReader.Read(source, text, errors, lines, budgets);
        var groups = RuleCompiler.Compile(read, source, field => LineOf(lines, field), defaultInterval, errors);
        groups.AddRange(CompileBudgets(budgets, source, field => LineOf(lines, field), defaultInterval, errors));
        return groups;
    }

    /// <summary>Validates budgets (field paths <c>budgets[i].field</c>) and compiles their groups.</summary>
    private static List<CompiledGroup> CompileBudgets(List<CostBudget> budgets, string source, Func<string, int>? lineOf, TimeSpan defaultInterval, List<RuleError> errors)
    {
        var groups = new List<AlertRuleGroup>();
        for (var b = 0; b < budgets.Count; b++)
        {
            if (Budgets.BudgetRules.ToGroup(budgets[b], source, lineOf, errors, $"budgets[{b}].") is { } group)
            {
                groups.Add(group);
            }
        }

        return RuleCompiler.Compile(groups, source, null, defaultInterval, errors);
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
