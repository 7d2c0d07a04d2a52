using System.Text;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>
/// One sample line, as passed to <see cref="IExpositionSink.OnSample"/>: views into the parser's buffer, valid only
/// during the call. Reading the name, labels' raw bytes and value allocates nothing; the string getters allocate.
/// </summary>
public readonly ref struct ExpositionSample
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly ReadOnlySpan<LabelRange> _labels;
    private readonly ReadOnlySpan<LabelRange> _exemplarLabels;

    internal ExpositionSample(
        ReadOnlySpan<byte> line,
        int nameLength,
        int identityLength,
        ReadOnlySpan<LabelRange> labels,
        in ExpositionFamily family,
        ExpositionSampleRole role,
        double value,
        long? timestampMs,
        int lineNumber,
        ReadOnlySpan<LabelRange> exemplarLabels,
        double exemplarValue,
        long? exemplarTimestampMs,
        bool hasExemplar)
    {
        _line = line;
        Name = line[..nameLength];
        Identity = line[..identityLength];
        _labels = labels;
        FamilyName = family.Name;
        FamilyNameString = family.NameString;
        FamilyType = family.Type;
        Role = role;
        Value = value;
        TimestampMs = timestampMs;
        LineNumber = lineNumber;
        _exemplarLabels = exemplarLabels;
        ExemplarValue = exemplarValue;
        ExemplarTimestampMs = exemplarTimestampMs;
        HasExemplar = hasExemplar;
    }

    /// <summary>Gets the sample (metric) name, UTF-8: the family name plus the role's suffix.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Gets the sample's name and label block exactly as written (<c>name{a="b"}</c>): a key for caching the series it maps to.</summary>
    public ReadOnlySpan<byte> Identity { get; }

    /// <summary>Gets the family name, UTF-8.</summary>
    public ReadOnlySpan<byte> FamilyName { get; }

    /// <summary>Gets the family name as an interned string.</summary>
    public string FamilyNameString { get; }

    /// <summary>Gets the family's type.</summary>
    public ExpositionMetricType FamilyType { get; }

    /// <summary>Gets what the sample is within its family.</summary>
    public ExpositionSampleRole Role { get; }

    /// <summary>Gets the value (NaN and ±Inf included).</summary>
    public double Value { get; }

    /// <summary>Gets the timestamp in milliseconds since the epoch (0.0.4 gives milliseconds, OpenMetrics seconds; both are converted), or null.</summary>
    public long? TimestampMs { get; }

    /// <summary>Gets the 1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>Gets the number of labels (labels with an empty value are absent, as in Prometheus).</summary>
    public int LabelCount => _labels.Length;

    /// <summary>Gets a value indicating whether an OpenMetrics exemplar follows the sample.</summary>
    public bool HasExemplar { get; }

    /// <summary>Gets the exemplar's value, when <see cref="HasExemplar"/>.</summary>
    public double ExemplarValue { get; }

    /// <summary>Gets the exemplar's timestamp in milliseconds, or null.</summary>
    public long? ExemplarTimestampMs { get; }

    /// <summary>Gets the number of exemplar labels.</summary>
    public int ExemplarLabelCount => _exemplarLabels.Length;

    /// <summary>Gets a label's name, UTF-8.</summary>
    /// <param name="index">The label index, in payload order.</param>
    /// <returns>The name.</returns>
    public ReadOnlySpan<byte> GetLabelName(int index) => _labels[index].Name(_line);

    /// <summary>Gets a label's value as written, UTF-8 with its escapes.</summary>
    /// <param name="index">The label index.</param>
    /// <returns>The raw value.</returns>
    public ReadOnlySpan<byte> GetRawLabelValue(int index) => _labels[index].Value(_line);

    /// <summary>Gets a label's name as a string (allocates).</summary>
    /// <param name="index">The label index.</param>
    /// <returns>The name.</returns>
    public string GetLabelNameString(int index) => Encoding.UTF8.GetString(GetLabelName(index));

    /// <summary>Gets a label's value with its escapes resolved (allocates).</summary>
    /// <param name="index">The label index.</param>
    /// <returns>The value.</returns>
    public string GetLabelValue(int index) => _labels[index].UnescapedValue(_line);

    /// <summary>Gets the sample name as a string (allocates).</summary>
    /// <returns>The name.</returns>
    public string GetName() => Encoding.UTF8.GetString(Name);

    /// <summary>Gets an exemplar label's name as a string (allocates).</summary>
    /// <param name="index">The exemplar label index.</param>
    /// <returns>The name.</returns>
    public string GetExemplarLabelName(int index) => Encoding.UTF8.GetString(_exemplarLabels[index].Name(_line));

    /// <summary>Gets an exemplar label's value with its escapes resolved (allocates).</summary>
    /// <param name="index">The exemplar label index.</param>
    /// <returns>The value.</returns>
    public string GetExemplarLabelValue(int index) => _exemplarLabels[index].UnescapedValue(_line);
}
