using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Naming;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The <see cref="ActivityListener"/> that feeds the trace store: it listens to the configured sources, samples
/// parent-based with a head ratio for new traces, and stores every recorded span when it stops. Its callbacks run on
/// the instrumented code's threads, so they never throw (failures are caught, counted and logged) and do no LINQ.
/// </summary>
internal sealed class TraceCollector : IDisposable
{
    private readonly TraceStore _store;
    private readonly NamePatternMatcher _sources;
    private readonly ILogger _logger;
    private readonly double _samplingRatio;
    private readonly ulong _samplingThreshold;
    private readonly string _sourcesText;
    private readonly Lock _lock = new();
    private readonly SpanObserverQueue? _observers;
    private ActivityListener? _listener;

    public TraceCollector(
        TraceStore store,
        IOptions<AgentTracingOptions> options,
        ILogger<TraceCollector>? logger = null,
        IEnumerable<ISpanStoppedObserver>? observers = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _store = store;
        IEnumerable<string> sources = value.IncludeDefaultSources ? [.. value.Sources, .. AgentTracingOptions.DefaultSources] : value.Sources;
        _sources = new NamePatternMatcher(sources);
        _sourcesText = string.Join(", ", sources);
        _logger = logger ?? NullLogger<TraceCollector>.Instance;
        _samplingRatio = value.SamplingRatio;
        ISpanStoppedObserver[] observing = observers is null ? [] : [.. observers];
        _observers = observing.Length == 0
            ? null
            : new SpanObserverQueue(observing, (activity, ex) => Failed(ex, SafeName(activity), SafeSourceName(activity)), timeProvider ?? TimeProvider.System);

        // Randomness is the trace id's rightmost 56 bits (W3C Trace Context Level 2 random flag; OpenTelemetry's
        // consistent probability sampling), so every process with the same ratio makes the same decision for a trace.
        _samplingThreshold = (ulong)(Math.Clamp(_samplingRatio, 0, 1) * (1UL << 56));
    }

    /// <summary>
    /// Gets or sets how a stopped activity is copied into a <see cref="SpanData"/>; a seam for tests that need the copy
    /// to fail. <see langword="null"/> (the default) lets the store copy the activity straight into its compact slots.
    /// </summary>
    internal Func<Activity, SpanData>? Snapshot { get; set; }

    public bool IsStarted
    {
        get
        {
            lock (_lock)
            {
                return _listener is not null;
            }
        }
    }

    public void Start()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }

            _listener = new ActivityListener
            {
                ShouldListenTo = ShouldListenTo,
                Sample = Sample,
                SampleUsingParentId = SampleUsingParentId,
                ActivityStopped = OnActivityStopped,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        Log.CollectorStarted(_logger, _sourcesText, _samplingRatio);
    }

    /// <summary>
    /// Hands every span stopped so far to the observers and returns when they have seen them: the observers run off the
    /// stopping threads (<see cref="SpanObserverQueue"/>), so what they derive lags the spans until a drain.
    /// </summary>
    public void FlushObservers() => _observers?.Flush();

    public void Stop()
    {
        ActivityListener? listener;
        lock (_lock)
        {
            listener = _listener;
            _listener = null;
        }

        if (listener is not null)
        {
            listener.Dispose();
            Log.CollectorStopped(_logger);
        }

        FlushObservers();
    }

    public void Dispose()
    {
        Stop();
        _observers?.Dispose();
    }

    internal bool ShouldListenTo(ActivitySource source)
    {
        try
        {
            return _sources.IsMatch(source.Name);
        }
        catch (Exception ex)
        {
            Failed(ex, null, null);
            return false;
        }
    }

    internal ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options)
    {
        try
        {
            var parent = options.Parent;
            if (parent.TraceId != default)
            {
                return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0
                    ? ActivitySamplingResult.AllDataAndRecorded
                    : ActivitySamplingResult.PropagationData;
            }

            return SampleRoot(options.TraceId);
        }
        catch (Exception ex)
        {
            Failed(ex, options.Name, options.Source?.Name);
            return ActivitySamplingResult.PropagationData;
        }
    }

    internal ActivitySamplingResult SampleUsingParentId(ref ActivityCreationOptions<string> options)
    {
        try
        {
            // A W3C id as a string carries the sampled flag; a hierarchical (legacy) id does not, so it is treated as a root.
            var parent = options.Parent;
            if (!string.IsNullOrEmpty(parent))
            {
                var parsed = TraceParentParser.Parse(parent, null);
                if (parsed.IsValid)
                {
                    return (parsed.Context.TraceFlags & ActivityTraceFlags.Recorded) != 0
                        ? ActivitySamplingResult.AllDataAndRecorded
                        : ActivitySamplingResult.PropagationData;
                }
            }

            return SampleRoot(options.TraceId);
        }
        catch (Exception ex)
        {
            Failed(ex, options.Name, options.Source?.Name);
            return ActivitySamplingResult.PropagationData;
        }
    }

    internal void OnActivityStopped(Activity activity)
    {
        try
        {
            if (!activity.Recorded)
            {
                return;
            }

            if (Snapshot is { } snapshot)
            {
                _store.Add(snapshot(activity));
            }
            else
            {
                _store.Add(activity);
            }
        }
        catch (Exception ex)
        {
            _store.RecordCollectorError();
            Failed(ex, SafeName(activity), SafeSourceName(activity));
        }

        // Observers (the GenAI metrics) see every recorded span, stored or not: a span dropped by a full trace still happened.
        _observers?.Enqueue(activity);
    }

    private ActivitySamplingResult SampleRoot(ActivityTraceId traceId)
    {
        if (_samplingRatio >= 1)
        {
            return ActivitySamplingResult.AllDataAndRecorded;
        }

        if (_samplingRatio <= 0)
        {
            return ActivitySamplingResult.PropagationData;
        }

        Span<byte> bytes = stackalloc byte[16];
        traceId.CopyTo(bytes);
        var randomness = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]) & ((1UL << 56) - 1);
        return randomness < _samplingThreshold ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData;
    }

    private void Failed(Exception exception, string? name, string? source)
    {
        try
        {
            Log.CollectorFailed(_logger, exception, name, source);
        }
        catch (Exception)
        {
            // A logger that throws must not take the instrumented code down with it; the span is already counted.
        }
    }

    private static string? SafeName(Activity? activity)
    {
        try
        {
            return activity?.DisplayName;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string? SafeSourceName(Activity? activity)
    {
        try
        {
            return activity?.Source.Name;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
