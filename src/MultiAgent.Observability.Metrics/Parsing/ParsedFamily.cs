namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>A metric family of an <see cref="ExpositionDocument"/>.</summary>
public sealed class ParsedFamily
{
    internal ParsedFamily(string name, ExpositionMetricType type, string? help, string? unit, IReadOnlyList<ParsedSample> samples)
    {
        Name = name;
        Type = type;
        Help = help;
        Unit = unit;
        Samples = samples;
    }

    /// <summary>Gets the family name.</summary>
    public string Name { get; }

    /// <summary>Gets the declared type.</summary>
    public ExpositionMetricType Type { get; }

    /// <summary>Gets the help text with escapes resolved, or null.</summary>
    public string? Help { get; }

    /// <summary>Gets the unit, or null.</summary>
    public string? Unit { get; }

    /// <summary>Gets the samples in payload order.</summary>
    public IReadOnlyList<ParsedSample> Samples { get; }
}
