namespace MultiAgent.Observability;

/// <summary>The Prometheus data-model rules for metric and label names, shared by every package.</summary>
public static class PrometheusNaming
{
    /// <summary>Returns why <paramref name="name"/> is not a valid metric name (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>), or null when it is.</summary>
    /// <param name="name">The metric name.</param>
    /// <returns>A message naming the offending character and its index, or null.</returns>
    public static string? ValidateMetricName(string? name) => Validate(name, "Metric name", allowColon: true);

    /// <summary>Returns why <paramref name="name"/> is not a valid label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with <c>__</c>), or null when it is.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>A message naming the offending character and its index, or null.</returns>
    public static string? ValidateLabelName(string? name)
    {
        var error = Validate(name, "Label name", allowColon: false);
        if (error is null && name!.StartsWith("__", StringComparison.Ordinal))
        {
            return $"Label name '{name}' starts with '__', which Prometheus reserves for internal use.";
        }

        return error;
    }

    /// <summary>Gets whether <paramref name="name"/> is a valid metric name.</summary>
    /// <param name="name">The metric name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidMetricName(string? name) => ValidateMetricName(name) is null;

    /// <summary>Gets whether <paramref name="name"/> is a valid label name.</summary>
    /// <param name="name">The label name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidLabelName(string? name) => ValidateLabelName(name) is null;

    private static string? Validate(string? name, string what, bool allowColon)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"{what} must not be empty.";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return $"{what} '{name}' has '{c}' at index {i}; Prometheus allows {(allowColon ? "[a-zA-Z_:][a-zA-Z0-9_:]*" : "[a-zA-Z_][a-zA-Z0-9_]*")}.";
            }
        }

        return null;
    }
}
