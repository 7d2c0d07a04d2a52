namespace MultiAgent.Observability.Metrics;

/// <summary>
/// Timestamps samples in Unix milliseconds. With <see cref="TimeProvider.System"/> it reads the coarse
/// monotonic tick count (about 4 ns, against about 22 ns for a precise timestamp on this class of machine)
/// anchored to the wall clock, and re-anchors on every consumer tick so wall-clock adjustments show up
/// within <see cref="AgentMetricsOptions.MaxFlushDelay"/>. Any other provider (a test's fake clock) is read directly.
/// </summary>
internal sealed class SampleClock
{
    private readonly TimeProvider _timeProvider;
    private readonly bool _useTickCount;
    private Anchor _anchor;

    public SampleClock(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _useTickCount = ReferenceEquals(timeProvider, TimeProvider.System);
        _anchor = NewAnchor();
    }

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
