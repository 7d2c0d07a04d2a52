using System.Runtime.CompilerServices;

namespace MultiAgent.Observability.Metrics;

/// <content>
/// The read seam of the alerting package: series by index (append-only, indices never move) and a series'
/// recent values copied into caller buffers (or its newest value alone), with no allocation, so a rule evaluation tick reads only the
/// series its rules select. The recent ring is read through the same sequence lock the consumer writes under.
/// </content>
internal sealed partial class MetricPipeline
{
    /// <summary>Gets the number of series; series <c>0..count-1</c> exist and keep their index.</summary>
    internal int AlertingSeriesCount => Volatile.Read(ref _seriesCount);

    /// <summary>Gets the capacity of a series' recent-value ring: the most values one read can return.</summary>
    internal int AlertingRecentCapacity => _options.RecentValuesPerSeries;

    /// <summary>Gets what series <paramref name="index"/> is.</summary>
    internal MetricSeriesInfo AlertingInfo(int index) => Volatile.Read(ref _series)[index].Info;

    /// <summary>
    /// Copies the recent values of series <paramref name="index"/> with <paramref name="afterMs"/> &lt; t &lt;= <paramref name="untilMs"/>,
    /// oldest first (the newest ones when the buffers are smaller); for counters the cumulative total.
    /// </summary>
    /// <returns>The number of values copied.</returns>
    internal int AlertingReadRecent(int index, long afterMs, long untilMs, Span<long> times, Span<double> values)
    {
        var state = Volatile.Read(ref _series)[index];
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref SeriesStateFields.Version(state));
            if ((before & 1) == 0)
            {
                var copied = CopyWindow(state, afterMs, untilMs, times, values);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref SeriesStateFields.Version(state)) == before)
                {
                    return copied;
                }
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>
    /// Reads the newest sample of series <paramref name="index"/> (for counters the cumulative total) from the series state
    /// alone, without touching its ring: what an instant selector needs.
    /// </summary>
    /// <returns>False when the series has no sample yet.</returns>
    internal bool AlertingReadLast(int index, out long timestampMs, out double value)
    {
        var state = Volatile.Read(ref _series)[index];
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref SeriesStateFields.Version(state));
            if ((before & 1) == 0)
            {
                var count = SeriesStateFields.Count(state);
                timestampMs = SeriesStateFields.LastMs(state);
                value = state switch
                {
                    GaugeState gauge => SeriesStateFields.GaugeLast(gauge),
                    CounterState counter => SeriesStateFields.CounterTotal(counter),
                    _ => double.NaN,
                };
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref SeriesStateFields.Version(state)) == before)
                {
                    return count > 0;
                }
            }

            spinner.SpinOnce();
        }
    }

    private static int CopyWindow(SeriesState state, long afterMs, long untilMs, Span<long> times, Span<double> values)
    {
        var ringTimes = SeriesStateFields.RecentTimes(state);
        var ringValues = SeriesStateFields.RecentValues(state);
        var written = SeriesStateFields.RecentWritten(state);
        var capacity = ringTimes.Length;
        var kept = (int)Math.Min(written, capacity);
        var room = Math.Min(times.Length, values.Length);
        var count = 0;

        // Newest first, so a short buffer keeps the newest values; then reversed into time order.
        for (var i = kept - 1; i >= 0 && count < room; i--)
        {
            var slot = (int)((written - kept + i) % capacity);
            var t = ringTimes[slot];
            if (t <= afterMs)
            {
                break;
            }

            if (t <= untilMs)
            {
                times[count] = t;
                values[count] = ringValues[slot];
                count++;
            }
        }

        times[..count].Reverse();
        values[..count].Reverse();
        return count;
    }

    /// <summary>Reads <see cref="SeriesState"/>'s private ring without a copy or a delegate; to become a method on SeriesState once the restructured pipeline lands.</summary>
    private static class SeriesStateFields
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_version")]
        public static extern ref int Version(SeriesState state);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_recentTimes")]
        public static extern ref long[] RecentTimes(SeriesState state);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_recentValues")]
        public static extern ref double[] RecentValues(SeriesState state);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_recentWritten")]
        public static extern ref long RecentWritten(SeriesState state);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_count")]
        public static extern ref long Count(SeriesState state);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_lastMs")]
        public static extern ref long LastMs(SeriesState state);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_last")]
        public static extern ref double GaugeLast(GaugeState state);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_total")]
        public static extern ref double CounterTotal(CounterState state);
    }
}
