namespace AgentFleet;

/// <summary>
/// When the misbehaving agents misbehave. The story repeats every <see cref="Cycle"/> so a run of any length shows it,
/// and one cycle is short enough that a 20 s run sees both alerts fire and resolve.
/// </summary>
internal static class Scenario
{
    /// <summary>The length of one cycle of the story.</summary>
    public static readonly TimeSpan Cycle = TimeSpan.FromSeconds(20);

    /// <summary>The degrading agent is slow from 2 s to 8 s of each cycle.</summary>
    public static readonly (TimeSpan Start, TimeSpan End) Degraded = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));

    /// <summary>The pausing agent sends no heartbeat (and serves nothing) from 3 s to 9 s of each cycle.</summary>
    public static readonly (TimeSpan Start, TimeSpan End) Paused = (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9));

    /// <summary>How much slower the degrading agent is while degraded.</summary>
    public const double SlowDown = 14;

    public static bool IsDegraded(TimeSpan elapsed) => Within(elapsed, Degraded);

    public static bool IsPaused(TimeSpan elapsed) => Within(elapsed, Paused);

    private static bool Within(TimeSpan elapsed, (TimeSpan Start, TimeSpan End) window)
    {
        var phase = TimeSpan.FromTicks(elapsed.Ticks % Cycle.Ticks);
        return phase >= window.Start && phase < window.End;
    }
}
