using System.Text.RegularExpressions;

namespace MultiAgent.Observability.Alerting.Expressions;

/// <summary>How a label matcher compares.</summary>
internal enum LabelMatchType
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>One label matcher of a selector, as in PromQL: a missing label matches as the empty string; regexes are fully anchored.</summary>
internal sealed class LabelMatcher
{
    private readonly Regex? _regex;

    public LabelMatcher(string name, LabelMatchType type, string value)
    {
        Name = name;
        Type = type;
        Value = value;
        if (type is LabelMatchType.Regex or LabelMatchType.NotRegex)
        {
            // NonBacktracking: a rule file's regex can never make evaluation slow; it runs once per series anyway.
            _regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
    }

    public string Name { get; }

    public LabelMatchType Type { get; }

    public string Value { get; }

    public string Operator => Type switch
    {
        LabelMatchType.Equal => "=",
        LabelMatchType.NotEqual => "!=",
        LabelMatchType.Regex => "=~",
        _ => "!~",
    };

    public bool Matches(string value) => Type switch
    {
        LabelMatchType.Equal => value == Value,
        LabelMatchType.NotEqual => value != Value,
        LabelMatchType.Regex => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };
}
