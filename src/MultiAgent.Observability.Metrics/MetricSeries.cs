namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A pre-resolved handle to one series (agent, metric name, labels), from
/// <see cref="IMetricRecorder.GetSeries(string, string, MetricKind, ReadOnlySpan{KeyValuePair{string, string}})"/>.
/// Recording through a handle skips every lookup: it takes no lock and allocates nothing.
/// </summary>
public readonly struct MetricSeries : IEquatable<MetricSeries>
{
    internal readonly object? Owner;
    internal readonly int Index;

    internal MetricSeries(object owner, int index, MetricKind kind)
    {
        Owner = owner;
        Index = index;
        Kind = kind;
    }

    /// <summary>Gets the metric kind of the series.</summary>
    public MetricKind Kind { get; }

    /// <summary>Gets a value indicating whether the handle names a series; false when the series was refused by the cardinality cap.</summary>
    public bool IsValid => Owner is not null;

    /// <inheritdoc/>
    public bool Equals(MetricSeries other) => ReferenceEquals(Owner, other.Owner) && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MetricSeries other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Index;

    /// <summary>Compares two handles.</summary>
    /// <param name="left">The left handle.</param>
    /// <param name="right">The right handle.</param>
    /// <returns>Whether both name the same series.</returns>
    public static bool operator ==(MetricSeries left, MetricSeries right) => left.Equals(right);

    /// <summary>Compares two handles.</summary>
    /// <param name="left">The left handle.</param>
    /// <param name="right">The right handle.</param>
    /// <returns>Whether the handles name different series.</returns>
    public static bool operator !=(MetricSeries left, MetricSeries right) => !left.Equals(right);
}
