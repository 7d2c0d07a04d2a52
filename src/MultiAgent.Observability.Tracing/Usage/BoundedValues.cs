namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The cardinality cap of one metric attribute (agent names, models, tools…): the first <c>limit</c> distinct values
/// are kept, later new values and values longer than the length limit become <see cref="GenAIMetricNames.OtherValue"/>,
/// and each replacement is counted, so a misbehaving span can never create an unbounded number of series.
/// </summary>
/// <remarks>
/// Lookups of known values take a read of an immutable snapshot and allocate nothing; only a new value takes the lock and
/// copies the snapshot (at most <c>limit</c> times over the process's life).
/// </remarks>
internal sealed class BoundedValues
{
    public const string ReasonLimit = "limit";
    public const string ReasonTooLong = "too_long";

    private readonly Lock _lock = new();
    private readonly int _limit;
    private readonly int _maxLength;
    private readonly Action<string>? _capped;
    private volatile HashSet<string> _values = new(StringComparer.Ordinal);

    /// <param name="limit">The largest number of distinct values kept.</param>
    /// <param name="maxLength">The longest value kept, in UTF-16 characters.</param>
    /// <param name="capped">Called with the reason (<see cref="ReasonLimit"/>, <see cref="ReasonTooLong"/>) each time a value is replaced.</param>
    public BoundedValues(int limit, int maxLength, Action<string>? capped)
    {
        _limit = limit;
        _maxLength = maxLength;
        _capped = capped;
    }

    public int Count => _values.Count;

    /// <summary>Gets the value to record: the value itself when it is known or fits, else <see cref="GenAIMetricNames.OtherValue"/>.</summary>
    public string Get(string value) => Get(value, out _);

    /// <summary>Gets the value to record, and whether it is the value itself (kept: known for good, so looking it up again would change nothing).</summary>
    public string Get(string value, out bool kept)
    {
        var values = _values;
        if (values.TryGetValue(value, out var known))
        {
            kept = true;
            return known;
        }

        kept = false;
        if (value.Length > _maxLength)
        {
            _capped?.Invoke(ReasonTooLong);
            return GenAIMetricNames.OtherValue;
        }

        lock (_lock)
        {
            values = _values;
            if (values.TryGetValue(value, out known))
            {
                kept = true;
                return known;
            }

            if (values.Count >= _limit)
            {
                _capped?.Invoke(ReasonLimit);
                return GenAIMetricNames.OtherValue;
            }

            // Copy on write: readers never see a set being changed, and keep the instance the set holds, so tags
            // reuse one string per value.
            _values = new HashSet<string>(values, StringComparer.Ordinal) { value };
            kept = true;
            return value;
        }
    }
}
