namespace MultiAgent.Observability.Metrics;

/// <summary>
/// Timestamps samples in Unix milliseconds. With <see cref="TimeProvider.System"/> it reads the coarse
/// monotonic tick count anchored to the wall clock, re-anchored on every consumer tick so wall-clock adjustments
/// show up within <see cref="AgentMetricsOptions.MaxFlushDelay"/>, and the record path reads it once per batch
/// (<see cref="StampsEverySample"/> is false). Any other provider (a test's fake clock) is read directly, for every sample.
/// </summary>
internal sealed class SampleClock
{
    private readonly TimeProvider _timeProvider;
    private readonly bool _useTickCount;
    private Anchor _anchor;

    /// <param name="timeProvider">The clock.</param>
    /// <param name="stampsEverySample">Overrides <see cref="StampsEverySample"/>, for tests of per-batch stamping on a fake clock.</param>
    public SampleClock(TimeProvider timeProvider, bool? stampsEverySample = null)
    {
        _timeProvider = timeProvider;
        _useTickCount = ReferenceEquals(timeProvider, TimeProvider.System);
        StampsEverySample = stampsEverySample ?? !_useTickCount;
        _anchor = NewAnchor();
    }

    /// <summary>
    /// Gets whether every sample reads the clock. False for the system clock: a sample carries the time of its
    /// batch's first sample, which is at most one <see cref="AgentMetricsOptions.MaxFlushDelay"/> earlier, since every
    /// tick takes the producers' partial batches. True for any other provider, so a fake clock's time is exact.
    /// </summary>
    public bool StampsEverySample { get; }

    public long NowMs()
    {
        if (_useTickCount)
        {
            var anchor = Volatile.Read(ref _anchor);
            return anchor.UnixMs + (Environment.TickCount64 - anchor.Tick);
        }

        return _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public void Reanchor()
    {
        if (_useTickCount)
        {
            Volatile.Write(ref _anchor, NewAnchor());
        }
    }

    private Anchor NewAnchor() => new(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), Environment.TickCount64);

    private sealed record Anchor(long UnixMs, long Tick);
}
