using System.Text;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>A metric family's metadata, as passed to <see cref="IExpositionSink.OnFamily"/>; valid only during the call.</summary>
public readonly ref struct ExpositionFamily
{
    private readonly ReadOnlySpan<byte> _help;
    private readonly bool _helpEscapesQuote;

    internal ExpositionFamily(ReadOnlySpan<byte> name, string nameString, ExpositionMetricType type, ReadOnlySpan<byte> help, bool hasHelp, ReadOnlySpan<byte> unit, bool helpEscapesQuote)
    {
        Name = name;
        NameString = nameString;
        Type = type;
        _help = help;
        HasHelp = hasHelp;
        Unit = unit;
        _helpEscapesQuote = helpEscapesQuote;
    }

    /// <summary>Gets the family name, UTF-8.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Gets the family name as a string (interned by the parser: no allocation for a name seen before).</summary>
    public string NameString { get; }

    /// <summary>Gets the declared type; <see cref="ExpositionMetricType.Unknown"/> without a <c># TYPE</c> line.</summary>
    public ExpositionMetricType Type { get; }

    /// <summary>Gets a value indicating whether a <c># HELP</c> line was given.</summary>
    public bool HasHelp { get; }

    /// <summary>Gets the <c># UNIT</c> (OpenMetrics), UTF-8, empty when none.</summary>
    public ReadOnlySpan<byte> Unit { get; }

    /// <summary>Gets the help text with its escapes resolved (allocates).</summary>
    /// <returns>The help text, or null without a <c># HELP</c> line.</returns>
    public string? GetHelp() => HasHelp ? ExpositionText.Unescape(_help, _helpEscapesQuote) : null;

    /// <summary>Gets the unit as a string (allocates), or null when none.</summary>
    /// <returns>The unit.</returns>
    public string? GetUnit() => Unit.IsEmpty ? null : Encoding.UTF8.GetString(Unit);
}
