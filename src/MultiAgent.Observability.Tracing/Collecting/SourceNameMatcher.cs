namespace MultiAgent.Observability.Tracing;

/// <summary>Matches <see cref="System.Diagnostics.ActivitySource"/> names against exact names and <c>prefix*</c> wildcards.</summary>
internal sealed class SourceNameMatcher
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];
    private readonly bool _all;

    public SourceNameMatcher(IEnumerable<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (pattern == "*")
            {
                _all = true;
            }
            else if (pattern.EndsWith('*'))
            {
                _prefixes.Add(pattern[..^1]);
            }
            else
            {
                _exact.Add(pattern);
            }
        }
    }

    public static SourceNameMatcher FromOptions(AgentTracingOptions options)
    {
        var patterns = new List<string>(options.Sources);
        if (options.IncludeDefaultSources)
        {
            patterns.AddRange(AgentTracingOptions.DefaultSources);
        }

        return new SourceNameMatcher(patterns);
    }

    /// <summary>Returns why <paramref name="pattern"/> is not a valid source pattern, or <see langword="null"/>.</summary>
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

    public bool IsMatch(string sourceName)
    {
        if (_all || _exact.Contains(sourceName))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (sourceName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
