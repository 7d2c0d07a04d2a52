using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Records each agent's critical-path time and share once per completed trace. A trace is completed when a span with no
/// in-process parent (the local root) has ended and no span of the trace has arrived in the store for
/// <see cref="GenAIMetricsOptions.TraceQuietPeriod"/>, measured on the <see cref="TimeProvider"/>; the trace is then
/// analysed once, as the store holds it, and forgotten.
/// </summary>
internal sealed class CompletedTraces : IDisposable
{
    public const string ReasonPendingFull = "pending_full";
    public const string ReasonEvicted = "evicted";

    private readonly ITraceStore _store;
    private readonly GenAIInstruments _instruments;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _quiet;
    private readonly int _maxPending;
    private readonly BoundedValues _agents;
    private readonly Lock _lock = new();

    // Trace ids in the order their local root ended; a trace whose root ends again (several local roots) keeps its place.
    private readonly Dictionary<ActivityTraceId, DateTimeOffset> _pending = [];
    private readonly Queue<ActivityTraceId> _order = new();
    private readonly ITimer _timer;

    public CompletedTraces(ITraceStore store, GenAIInstruments instruments, GenAIAttributeCaps caps, TimeProvider timeProvider, IOptions<GenAIMetricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _store = store;
        _instruments = instruments;
        _timeProvider = timeProvider;
        _quiet = value.TraceQuietPeriod;
        _maxPending = value.MaxPendingTraces;
        _agents = caps.Agents;
        _timer = timeProvider.CreateTimer(static state => ((CompletedTraces)state!).Tick(), this, _quiet, _quiet);
    }

    internal int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void RootEnded(ActivityTraceId traceId)
    {
        var skipped = false;
        lock (_lock)
        {
            if (_pending.TryAdd(traceId, _timeProvider.GetUtcNow()))
            {
                _order.Enqueue(traceId);
                if (_pending.Count > _maxPending && _order.TryDequeue(out var oldest))
                {
                    // Never analysed here: this runs on the instrumented code's thread, for every local root.
                    _pending.Remove(oldest);
                    skipped = true;
                }
            }
        }

        if (skipped)
        {
            _instruments.TracesSkipped.Add(1, new KeyValuePair<string, object?>(TracingMetrics.ReasonTag, ReasonPendingFull));
        }
    }

    /// <summary>Records every pending trace whose quiet period has passed; called by the timer.</summary>
    internal void Tick()
    {
        try
        {
            var now = _timeProvider.GetUtcNow();
            while (true)
            {
                ActivityTraceId traceId;
                lock (_lock)
                {
                    if (!_order.TryPeek(out traceId) || now - _pending[traceId] < _quiet)
                    {
                        return;
                    }

                    _order.Dequeue();
                    _pending.Remove(traceId);
                }

                if (_store.TryGetTrace(traceId, out var trace) && now - trace.LastSeen < _quiet)
                {
                    // A span arrived after the root ended: wait another quiet period from now.
                    lock (_lock)
                    {
                        if (_pending.TryAdd(traceId, now))
                        {
                            _order.Enqueue(traceId);
                        }
                    }

                    continue;
                }

                Record(trace);
            }
        }
        catch (Exception)
        {
            // A timer callback that throws would take the process down; a trace that cannot be analysed is skipped.
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Record(StoredTrace? trace)
    {
        if (trace is null || trace.Spans.Count == 0)
        {
            _instruments.TracesSkipped.Add(1, new KeyValuePair<string, object?>(TracingMetrics.ReasonTag, ReasonEvicted));
            return;
        }

        var analysis = TraceAnalyzer.Analyze(trace.Spans);
        foreach (var agent in analysis.Agents)
        {
            var tag = new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agents.Get(agent.Agent));
            _instruments.CriticalPathDuration.Record(agent.CriticalPathMs, tag);
            _instruments.CriticalPathShare.Record(Math.Clamp(agent.CriticalPathShare, 0, 1), tag);
        }
    }
}
