namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The series one agent's spans used last, per kind: a span with the same values as they were read (none capped) takes
/// its tags from here without capping or looking anything up. Written and read without a lock; series are immutable.
/// </summary>
internal sealed class SeriesSlots
{
    private readonly SpanSeries?[] _last = new SpanSeries?[3];

    /// <summary>Gets the last series of a kind when its values are exactly <paramref name="key"/>'s.</summary>
    public SpanSeries? Find(in SeriesKey key)
    {
        var last = Volatile.Read(ref _last[(int)key.Kind]);
        return last is not null && last.Key.Equals(key) ? last : null;
    }

    /// <summary>Remembers a series whose values were all kept by their caps (as read, none replaced).</summary>
    public void Remember(SpanSeries series) => Volatile.Write(ref _last[(int)series.Key.Kind], series);
}
