using System.Collections.Concurrent;
using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// A convenience facade over <see cref="AgentActivitySource"/> and the <see cref="ITraceStore"/> for code that cannot
/// keep an <see cref="Activity"/> in scope from the start of a span to its end, such as a handler that starts work on
/// one message and finishes it on another: start a span, keep its <see cref="TraceSpanHandle"/> (or just its id),
/// finish it by id, and analyse the trace. Ids are random W3C ids, spans link to their parent, finishing a span is
/// O(1), and the analysis is <see cref="TraceAnalyzer"/>'s.
/// </summary>
/// <remarks>
/// Times come from the <see cref="TimeProvider"/>. Open (started, not finished) spans are held until finished, up to
/// a limit given to the constructor. Code that can hold the span should use <see cref="AgentActivitySource"/> directly
/// (<c>using var span = AgentActivitySource.StartInvokeAgent(...)</c>): it costs nothing without a listener.
/// </remarks>
public sealed class DistributedTracing
{
    private readonly ConcurrentDictionary<ActivitySpanId, OpenSpan> _open = new();
    private readonly ITraceStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxOpenSpans;

    /// <summary>Initializes a new instance of the <see cref="DistributedTracing"/> class.</summary>
    /// <param name="store">The store finished spans go to and analyses read from.</param>
    /// <param name="timeProvider">The clock for span times; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="maxOpenSpans">The largest number of spans started and not yet finished; at least 1.</param>
    public DistributedTracing(ITraceStore store, TimeProvider? timeProvider = null, int maxOpenSpans = 10_000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpenSpans, 1);
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _maxOpenSpans = maxOpenSpans;
    }

    /// <summary>Gets the number of spans started and not yet finished.</summary>
    public int OpenSpanCount => _open.Count;

    /// <summary>Starts the root span of a new trace.</summary>
    /// <param name="operation">The operation; becomes the span's display name.</param>
    /// <param name="agentId">The agent that runs it, as the registry and the metrics name it; set as <c>gen_ai.agent.id</c>.</param>
    /// <param name="metadata">Extra attributes, if any.</param>
    /// <returns>The handle of the started span.</returns>
    /// <exception cref="InvalidOperationException">The limit of open spans is reached.</exception>
    public TraceSpanHandle StartTrace(string operation, AgentId agentId, IEnumerable<KeyValuePair<string, object?>>? metadata = null) =>
        Start(operation, agentId, default, isRoot: true, metadata);

    /// <summary>Starts a child span, in the same trace as <paramref name="parentContext"/>.</summary>
    /// <param name="operation">The operation; becomes the span's display name.</param>
    /// <param name="agentId">The agent that runs it, as the registry and the metrics name it; set as <c>gen_ai.agent.id</c>.</param>
    /// <param name="parentContext">The parent: <see cref="TraceSpanHandle.Context"/>, or a context extracted from a message.</param>
    /// <param name="metadata">Extra attributes, if any.</param>
    /// <returns>The handle of the started span.</returns>
    /// <exception cref="InvalidOperationException">The limit of open spans is reached.</exception>
    public TraceSpanHandle StartSpan(string operation, AgentId agentId, ActivityContext parentContext, IEnumerable<KeyValuePair<string, object?>>? metadata = null)
    {
        if (parentContext.TraceId == default || parentContext.SpanId == default)
        {
            throw new ArgumentException("The parent context has no trace id or span id; use StartTrace for a new trace.", nameof(parentContext));
        }

        return Start(operation, agentId, parentContext, isRoot: false, metadata);
    }

    /// <summary>Finishes a span in O(1).</summary>
    /// <param name="spanId">The span's id.</param>
    /// <param name="status">The outcome.</param>
    /// <param name="statusDescription">A description of the outcome, usually for errors.</param>
    /// <param name="metadata">Attributes to add, if any.</param>
    /// <returns><see langword="false"/> when no open span has that id (never started, or already finished).</returns>
    public bool FinishSpan(ActivitySpanId spanId, ActivityStatusCode status = ActivityStatusCode.Ok, string? statusDescription = null, IEnumerable<KeyValuePair<string, object?>>? metadata = null)
    {
        if (!_open.TryRemove(spanId, out var open))
        {
            return false;
        }

        var activity = open.Activity;
        if (metadata is not null)
        {
            foreach (var pair in metadata)
            {
                activity.SetTag(pair.Key, pair.Value);
            }
        }

        activity.SetStatus(status, statusDescription);

        // Activity.Stop treats a zero duration as "not set" and reads the system clock instead, so a span that
        // starts and ends at the same instant of the TimeProvider is given one tick.
        var end = _timeProvider.GetUtcNow().UtcDateTime;
        if (end <= activity.StartTimeUtc)
        {
            end = activity.StartTimeUtc.AddTicks(1);
        }

        activity.SetEndTime(end);
        var previous = Activity.Current;
        activity.Stop();
        Activity.Current = previous;

        // The collector stores spans of a listened source; store the others (no listener at all) here, once. A span
        // the collector offered and the store dropped because its trace was full is already counted: not offered again.
        if (!open.FromSource
            || (activity.Recorded
                && !_store.TryGetSpan(spanId, out _)
                && !(_store is TraceStore store && store.WasDroppedAsTraceFull(activity.TraceId, spanId))))
        {
            _store.Add(SpanData.FromActivity(activity));
        }

        return true;
    }

    /// <summary>Analyzes one trace held by the store.</summary>
    /// <param name="traceId">The trace id.</param>
    /// <returns>The analysis, or <see langword="null"/> when the store holds no such trace.</returns>
    public TraceAnalysis? GetTraceAnalysis(ActivityTraceId traceId) =>
        _store.TryGetTrace(traceId, out var trace) ? TraceAnalyzer.Analyze(trace.Spans) : null;

    private TraceSpanHandle Start(string operation, AgentId agentId, ActivityContext parentContext, bool isRoot, IEnumerable<KeyValuePair<string, object?>>? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        if (agentId.Value.Length == 0)
        {
            throw new ArgumentException("The agent id is empty; create it with AgentId.Parse.", nameof(agentId));
        }
        if (_open.Count >= _maxOpenSpans)
        {
            throw new InvalidOperationException(
                $"{_maxOpenSpans} spans are open; finish spans with FinishSpan before starting more (limit given to the DistributedTracing constructor).");
        }

        var previous = Activity.Current;
        if (isRoot)
        {
            // A new trace, whatever span is current on this thread.
            Activity.Current = null;
        }

        var activity = AgentActivitySource.Source.StartActivity(operation, ActivityKind.Internal, parentContext);
        var fromSource = activity is not null;
        if (activity is null)
        {
            // No listener: a plain activity still gets real W3C ids and is stored by FinishSpan.
            activity = new Activity(operation);
            activity.SetIdFormat(ActivityIdFormat.W3C);
            if (!isRoot)
            {
                activity.SetParentId(parentContext.TraceId, parentContext.SpanId, parentContext.TraceFlags);
            }

            activity.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
            activity.Start();
        }

        Activity.Current = previous;
        activity.SetStartTime(_timeProvider.GetUtcNow().UtcDateTime);
        activity.SetTag(GenAIAttributes.AgentId, agentId.Value);
        if (metadata is not null)
        {
            foreach (var pair in metadata)
            {
                activity.SetTag(pair.Key, pair.Value);
            }
        }

        var handle = new TraceSpanHandle(activity.Context, activity.ParentSpanId, operation, agentId);
        _open[activity.SpanId] = new OpenSpan(activity, fromSource);
        return handle;
    }

    private readonly record struct OpenSpan(Activity Activity, bool FromSource);
}
