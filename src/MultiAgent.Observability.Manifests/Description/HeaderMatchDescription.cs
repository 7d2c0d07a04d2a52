namespace MultiAgent.Observability.Manifests;

/// <summary>How a route matches a request header's value: Istio's <c>StringMatch</c> (exactly one of <c>exact</c>, <c>prefix</c>, <c>regex</c>).</summary>
public enum HeaderMatchKind
{
    /// <summary>The value equals <see cref="HeaderMatchDescription.Value"/> (a plain string in the description).</summary>
    Exact = 0,

    /// <summary>The value starts with <see cref="HeaderMatchDescription.Value"/> (<c>{prefix: ...}</c>).</summary>
    Prefix = 1,

    /// <summary>The value matches the RE2 regular expression <see cref="HeaderMatchDescription.Value"/> (<c>{regex: ...}</c>).</summary>
    Regex = 2,
}

/// <summary>
/// One header match of a route (<c>routing_rules[].headers</c>): <c>x-canary: "true"</c> matches exactly, and Istio's own
/// <c>x-canary: {exact|prefix|regex: value}</c> is accepted too.
/// </summary>
public sealed record HeaderMatchDescription
{
    /// <summary>Gets the header name, lower-case as Istio matches it.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets how the value is matched.</summary>
    /// <value>The default value is <see cref="HeaderMatchKind.Exact"/>.</value>
    public HeaderMatchKind Kind { get; init; }

    /// <summary>Gets the value, prefix or regular expression.</summary>
    public string Value { get; init; } = string.Empty;
}
