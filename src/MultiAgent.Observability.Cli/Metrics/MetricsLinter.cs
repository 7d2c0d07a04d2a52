using System.Text.RegularExpressions;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Cli.Metrics;

/// <summary>
/// The naming checks of <c>promtool check metrics</c> (client_golang's promlint) that this tool reports, with promlint's
/// own wording so the two outputs can be compared: missing help, the <c>_total</c> suffix of counters (and its absence
/// on other types), camelCase metric and label names, and non-base units. Not reported (a choice, documented in the
/// README): metric types in names, colons, abbreviated units and histogram/summary reserved suffixes, which flag many
/// established names and are style, not correctness.
/// </summary>
internal static partial class MetricsLinter
{
    /// <summary>The messages reported, exactly as promlint words them.</summary>
    public static class Messages
    {
        public const string NoHelp = "no help text";
        public const string CounterTotal = "counter metrics should have \"_total\" suffix";
        public const string NonCounterTotal = "non-counter metrics should not have \"_total\" suffix";
        public const string CamelCaseMetric = "metric names should be written in 'snake_case' not 'camelCase'";
        public const string CamelCaseLabel = "label names should be written in 'snake_case' not 'camelCase'";
    }

    private static readonly Dictionary<string, string> s_units = new(StringComparer.Ordinal)
    {
        ["amperes"] = "amperes", ["bytes"] = "bytes", ["celsius"] = "celsius", ["grams"] = "grams", ["joules"] = "joules",
        ["kelvin"] = "kelvin", ["meters"] = "meters", ["metres"] = "metres", ["seconds"] = "seconds", ["volts"] = "volts",
        ["minutes"] = "seconds", ["hours"] = "seconds", ["days"] = "seconds", ["weeks"] = "seconds",
        ["kelvins"] = "kelvin", ["fahrenheit"] = "celsius", ["rankine"] = "celsius",
        ["inches"] = "meters", ["yards"] = "meters", ["miles"] = "meters",
        ["bits"] = "bytes", ["calories"] = "joules", ["pounds"] = "grams", ["ounces"] = "grams",
    };

    private static readonly string[] s_unitPrefixes =
        ["pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega", "mebi", "giga", "gibi", "tera", "tebi", "peta", "pebi"];

    /// <summary>The naming problems of one family.</summary>
    /// <param name="family">The family.</param>
    /// <param name="openMetrics">Whether the exposition is OpenMetrics, whose counter families are named without <c>_total</c> (the samples have it), so the suffix checks do not apply.</param>
    public static IEnumerable<string> Lint(ParsedFamily family, bool openMetrics)
    {
        var name = family.Name;
        if (string.IsNullOrEmpty(family.Help))
        {
            yield return Messages.NoHelp;
        }

        var isCounter = family.Type == ExpositionMetricType.Counter;
        var hasTotal = name.EndsWith("_total", StringComparison.Ordinal);
        if (!openMetrics && isCounter && !hasTotal)
        {
            yield return Messages.CounterTotal;
        }
        else if (!openMetrics && !isCounter && family.Type != ExpositionMetricType.Unknown && hasTotal)
        {
            yield return Messages.NonCounterTotal;
        }

        if (CamelCase().IsMatch(name))
        {
            yield return Messages.CamelCaseMetric;
        }

        if (family.Samples.Any(s => s.Labels.Any(l => CamelCase().IsMatch(l.Key))))
        {
            yield return Messages.CamelCaseLabel;
        }

        if (NonBaseUnit(name) is { } unit)
        {
            yield return $"use base unit \"{unit.Base}\" instead of \"{unit.Unit}\"";
        }
    }

    /// <summary>The first unit word of the name, by promlint's rule: a unit, or a metric prefix and a unit; reported when it is not a base unit.</summary>
    private static (string Unit, string Base)? NonBaseUnit(string name)
    {
        foreach (var word in name.Split('_'))
        {
            if (s_units.TryGetValue(word, out var unitBase))
            {
                return word == unitBase ? null : (word, unitBase);
            }

            foreach (var prefix in s_unitPrefixes)
            {
                if (word.StartsWith(prefix, StringComparison.Ordinal) && s_units.TryGetValue(word[prefix.Length..], out var prefixedBase))
                {
                    return word == prefixedBase ? null : (word, prefixedBase);
                }
            }
        }

        return null;
    }

    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex CamelCase();
}
