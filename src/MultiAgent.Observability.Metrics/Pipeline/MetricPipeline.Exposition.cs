using System.Runtime.CompilerServices;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics;

/// <content>
/// The exposition's allocation-free read of the pipeline (<see cref="IExpositionSource"/>). Series ids are the series
/// table's indexes. Counters, gauges and histograms are read under the series' own sequence lock straight into the
/// caller's buffers, through accessors to <see cref="SeriesState"/>'s fields; a summary builds its record, since its
/// quantiles are computed by sorting its window on every read anyway.
/// </content>
internal sealed partial class MetricPipeline : IExpositionSource
{
    private static readonly Func<SeriesState, SeriesValue, SeriesValue> ReadValue = static (state, value) =>
    {
        value.SampleCount = SampleCount(state);
        switch (state)
        {
            case CounterState counter:
                value.Value = CounterTotal(counter);
                break;
            case GaugeState gauge:
                value.Value = GaugeLast(gauge);
                break;
            case HistogramState histogram:
                var bounds = HistogramBounds(histogram);
                var counts = HistogramCounts(histogram);
                long running = 0;
                for (var i = 0; i < counts.Length; i++)
                {
                    running += counts[i];
                    value.BucketCounts[i] = running;
                    value.Bounds[i] = i < bounds.Length ? bounds[i] : double.PositiveInfinity;
                }

                value.Length = counts.Length;
                value.Sum = HistogramSum(histogram);
                value.Count = HistogramObservations(histogram);
                break;
        }

        return value;
    };

    int IExpositionSource.SeriesCount => Volatile.Read(ref _seriesCount);

    // The count is read before the array, and a series is stored in the array before the count is raised.
    MetricSeriesInfo IExpositionSource.GetSeriesInfo(int id) => Volatile.Read(ref _series)[id].Info;

    MetricDescription? IExpositionSource.GetFamily(int id) =>
        _families.TryGetValue(Volatile.Read(ref _series)[id].Info.Name, out var family) ? family.Description : null;

    bool IExpositionSource.TryRead(int id, ref SeriesValue value)
    {
        var state = Volatile.Read(ref _series)[id];
        value.Kind = state.Info.Kind;
        if (state is SummaryState)
        {
            return value.Read(state.Snapshot(_clock.NowMs()));
        }

        if (state is HistogramState histogram)
        {
            value.EnsureCapacity(HistogramCounts(histogram).Length);
        }

        value = ReadConsistent(state, value, ReadValue);
        return value.SampleCount > 0;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "ReadConsistent")]
    private static extern TResult ReadConsistent<TArg, TResult>(SeriesState state, TArg arg, Func<SeriesState, TArg, TResult> read);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_count")]
    private static extern ref long SampleCount(SeriesState state);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_total")]
    private static extern ref double CounterTotal(CounterState state);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_last")]
    private static extern ref double GaugeLast(GaugeState state);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_bounds")]
    private static extern ref double[] HistogramBounds(HistogramState state);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_counts")]
    private static extern ref long[] HistogramCounts(HistogramState state);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_sum")]
    private static extern ref double HistogramSum(HistogramState state);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_observations")]
    private static extern ref long HistogramObservations(HistogramState state);
}
