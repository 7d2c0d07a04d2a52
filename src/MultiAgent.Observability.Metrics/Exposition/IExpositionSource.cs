namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// What an exposition reads from a pipeline: its series by id, their families, and one series' aggregate at a time,
/// read into a caller-owned <see cref="SeriesValue"/> so a scrape allocates nothing per series.
/// </summary>
/// <remarks>
/// Series ids run from 0 to <see cref="SeriesCount"/> - 1; an id never changes meaning and is never reused, and a
/// series' name, agent, kind and labels never change; a retired series keeps its id with no family
/// (<see cref="GetFamily"/> returns null) and bumps <see cref="Generation"/>. That lets <see cref="ExpositionLayout"/>
/// sort and encode the series once and reuse the result until series appear or are retired.
/// </remarks>
internal interface IExpositionSource
{
    /// <summary>Gets how many series exist now; every id below it can be read.</summary>
    int SeriesCount { get; }

    /// <summary>Gets a number that changes whenever a series is retired; a layout built at another generation is rebuilt.</summary>
    int Generation { get; }

    /// <summary>Gets what a series is: name, agent id, kind and sorted labels.</summary>
    /// <param name="id">A series id below <see cref="SeriesCount"/>.</param>
    /// <returns>The series' info.</returns>
    MetricSeriesInfo GetSeriesInfo(int id);

    /// <summary>Gets the description (kind, help) of the family a series belongs to.</summary>
    /// <param name="id">A series id below <see cref="SeriesCount"/>.</param>
    /// <returns>The description, or null when the family cannot be found or the series was retired.</returns>
    MetricDescription? GetFamily(int id);

    /// <summary>Reads a series' aggregate, as one consistent snapshot, into <paramref name="value"/>.</summary>
    /// <param name="id">A series id below <see cref="SeriesCount"/>.</param>
    /// <param name="value">Receives the aggregate; its buffers are grown when too small and reused otherwise.</param>
    /// <returns>False when no sample of the series has been aggregated yet.</returns>
    bool TryRead(int id, ref SeriesValue value);
}
