using System.Diagnostics;

namespace AgentFleet.Simulation;

/// <summary>Remembers the slowest task the planner has finished (its trace id and duration).</summary>
internal sealed class SlowestTrace
{
    private readonly Lock _lock = new();
    private ActivityTraceId _traceId;
    private TimeSpan _duration;

    public void Offer(ActivityTraceId traceId, TimeSpan duration)
    {
        lock (_lock)
        {
            if (duration > _duration)
            {
                _traceId = traceId;
                _duration = duration;
            }
        }
    }

    public bool TryGet(out ActivityTraceId traceId, out TimeSpan duration)
    {
        lock (_lock)
        {
            traceId = _traceId;
            duration = _duration;
            return duration > TimeSpan.Zero;
        }
    }
}
