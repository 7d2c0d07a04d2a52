namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The series one agent's spans used last, per kind: a span with the same values as they were read (none capped) takes
/// its tags from here without capping or looking anything up.
/// </summary>
internal sealed class SeriesSlots(string agent)
{
    private readonly SpanSeries?[] _last = new SpanSeries?[3];

    /// <summary>Gets the agent, as capped, whose series these are.</summary>
    public string Agent { get; } = agent;

    /// <summary>Gets the last series of a kind when its values are exactly the span's, as read.</summary>
    public SpanSeries? Find(SeriesKind kind, string agent, in SpanFields fields)
    {
        var last = _last[(int)kind];
        return last is not null && last.Matches(agent, in fields) ? last : null;
    }

    /// <summary>Remembers a series whose values were all kept by their caps (as read, none replaced).</summary>
    public void Remember(SpanSeries series) => _last[(int)series.Kind] = series;
}
