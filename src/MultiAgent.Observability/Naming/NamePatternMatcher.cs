namespace MultiAgent.Observability.Naming;

/// <summary>
/// Matches <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> names against
/// exact names and <c>prefix*</c> wildcards (<c>*</c> alone matches every name). The one rule for every package:
/// matching ignores case (ordinal, invariant), as OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c> do.
/// </summary>
internal sealed class NamePatternMatcher
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _prefixes;
    private readonly bool _all;

    public NamePatternMatcher(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var prefixes = new List<string>();
        foreach (var pattern in patterns)
        {
            if (pattern == "*")
            {
                _all = true;
            }
            else if (pattern.EndsWith('*'))
            {
                prefixes.Add(pattern[..^1]);
            }
            else
            {
                _exact.Add(pattern);
            }
        }

        _prefixes = [.. prefixes];
    }

    /// <summary>Returns why <paramref name="pattern"/> is not a valid name pattern, or <see langword="null"/>.</summary>
    public static string? Validate(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "must not be empty";
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != pattern.Length - 1)
        {
            return $"'{pattern}' may hold '*' only as its last character (a prefix wildcard)";
        }

        foreach (var c in pattern)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return $"'{pattern}' must not contain whitespace or control characters";
            }
        }

        return null;
    }

    /// <summary>Gets whether <paramref name="name"/> matches one of the patterns.</summary>
    public bool IsMatch(string name)
    {
        if (_all || _exact.Contains(name))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
