namespace MultiAgent.Observability.Alerting;

/// <summary>One problem found in a rule: where it is and what is wrong.</summary>
public sealed class RuleError
{
    /// <summary>Gets the file the rule came from, or <c>code</c> / <c>configuration</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Gets the 1-based line, or 0 when the source has no lines.</summary>
    public int Line { get; init; }

    /// <summary>Gets the field path, as in <c>groups[0].rules[2].expr</c>.</summary>
    public required string Field { get; init; }

    /// <summary>Gets what is wrong.</summary>
    public required string Message { get; init; }

    /// <summary>Formats the error as <c>source:line: field: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Field}: {Message}" : $"{Source}: {Field}: {Message}";
}
