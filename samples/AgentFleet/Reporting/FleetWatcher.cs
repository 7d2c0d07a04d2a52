using AgentFleet.Simulation;
using MultiAgent.Observability;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Tracing;

namespace AgentFleet.Reporting;

/// <summary>
/// Watches the running fleet every <see cref="RefreshInterval"/>: records alerts as they fire and resolve in the
/// <see cref="AlertJournal"/>, and gives the live view a <see cref="FleetView"/> (samples per second from the pipeline's
/// accepted count, the slowest trace analysed once each time it changes).
/// </summary>
internal sealed class FleetWatcher(
    IAgentRegistry registry,
    IMetricReader reader,
    IAlertEngine engine,
    ITraceStore store,
    SlowestTrace slowest,
    TimeProvider time,
    string dashboardUrl,
    TimeSpan duration)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    private readonly long _started = time.GetTimestamp();
    private long _lastAccepted;
    private long _lastTick;
    private TraceResult? _trace;

    public AlertJournal Journal { get; } = new();

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    /// <summary>Watches until <paramref name="cancellationToken"/> is canceled, handing each view to <paramref name="show"/> (if any).</summary>
    public async Task RunAsync(Action<FleetView>? show, CancellationToken cancellationToken)
    {
        _lastTick = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RefreshInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // One last look below, then the loop ends.
            }

            Journal.Observe(engine.GetAlerts());
            show?.Invoke(Look());
        }
    }

    /// <summary>The slowest trace's analysis, refreshed when a slower trace has finished.</summary>
    public TraceResult? SlowestTrace()
    {
        if (slowest.TryGet(out var traceId, out _) && (_trace is null || _trace.TraceId != traceId.ToHexString()))
        {
            _trace = TraceSummary.Summarize(store, traceId) ?? _trace;
        }

        return _trace;
    }

    private FleetView Look()
    {
        var statistics = reader.GetStatistics();
        var now = time.GetTimestamp();
        var rate = (statistics.Accepted - _lastAccepted) / Math.Max(0.001, time.GetElapsedTime(_lastTick, now).TotalSeconds);
        (_lastAccepted, _lastTick) = (statistics.Accepted, now);
        return new FleetView
        {
            Agents = registry.GetAll(),
            ActiveAlerts = engine.GetAlerts(),
            History = Journal.Snapshot(),
            SamplesPerSecond = rate,
            Accepted = statistics.Accepted,
            Dropped = statistics.Dropped,
            SlowestTrace = SlowestTrace(),
            DashboardUrl = dashboardUrl,
            Elapsed = Elapsed,
            Duration = duration,
            Now = time.GetUtcNow(),
        };
    }
}
