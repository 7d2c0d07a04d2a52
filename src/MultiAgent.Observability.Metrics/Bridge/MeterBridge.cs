using System.Buffers;
using System.Diagnostics.Metrics;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Naming;

namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>
/// Listens to the opted-in meters with a <see cref="MeterListener"/> and records their measurements into the pipeline:
/// <c>Counter</c> adds to a counter, <c>ObservableCounter</c> records a cumulative counter value (a decrease is a reset),
/// <c>UpDownCounter</c> adds to a gauge, <c>ObservableUpDownCounter</c>, <c>Gauge</c> and <c>ObservableGauge</c> record
/// a gauge value, and <c>Histogram</c> records an observation (buckets from the instrument's advice, else
/// <see cref="MetricDescription.DefaultBuckets"/>). Measurement callbacks never throw: what cannot be recorded is counted.
/// </summary>
internal sealed class MeterBridge : IMeterBridge, IDisposable
{
    private const int NoAgentTag = int.MaxValue;

    private readonly IMetricRecorder _recorder;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string[] _patterns;
    private readonly NamePatternMatcher _matcher;
    private readonly string _defaultAgentId;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private MeterListener? _listener;
    private ITimer? _timer;
    private long _measurements;
    private long _refused;
    private int _callbackFailureLogged;

    public MeterBridge(IMetricRecorder recorder, IOptions<MeterBridgeOptions> options, TimeProvider timeProvider, ILogger<MeterBridge>? logger = null)
    {
        _recorder = recorder;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<MeterBridge>.Instance;
        var value = options.Value;
        _patterns = [.. value.Meters];
        _matcher = new NamePatternMatcher(_patterns);
        _defaultAgentId = value.DefaultAgentId;
        _interval = value.ObservableInterval;
    }

    /// <summary>Starts listening (instruments that exist already are bridged too) and polling observable instruments. Idempotent.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
            listener.SetMeasurementEventCallback<double>(static (_, m, tags, state) => Measure(state, m, tags));
            listener.SetMeasurementEventCallback<float>(static (_, m, tags, state) => Measure(state, m, tags));
            listener.SetMeasurementEventCallback<long>(static (_, m, tags, state) => Measure(state, m, tags));
            listener.SetMeasurementEventCallback<int>(static (_, m, tags, state) => Measure(state, m, tags));
            listener.SetMeasurementEventCallback<short>(static (_, m, tags, state) => Measure(state, m, tags));
            listener.SetMeasurementEventCallback<byte>(static (_, m, tags, state) => Measure(state, m, tags));
            listener.SetMeasurementEventCallback<decimal>(static (_, m, tags, state) => Measure(state, (double)m, tags));
            _listener = listener;
            listener.Start();
            _timer = _timeProvider.CreateTimer(static state => ((MeterBridge)state!).RecordObservableInstruments(), this, _interval, _interval);
            BridgeLog.Started(_logger, _patterns, _interval);
        }
    }

    /// <summary>Stops polling and listening. Idempotent.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            _listener?.Dispose();
            _listener = null;
        }
    }

    public void Dispose() => Stop();

    public BridgeStatistics GetStatistics() => new(Interlocked.Read(ref _measurements), Interlocked.Read(ref _refused));

    public void RecordObservableInstruments()
    {
        var listener = Volatile.Read(ref _listener);
        if (listener is null)
        {
            return;
        }

        try
        {
            listener.RecordObservableInstruments();
        }
        catch (ObjectDisposedException)
        {
            // Stopped while polling.
        }
#pragma warning disable CA1031 // A user's observable callback may throw anything; the poll loop must survive it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (Interlocked.Exchange(ref _callbackFailureLogged, 1) == 0)
            {
                BridgeLog.ObservableCallbackFailed(_logger, exception);
            }
        }
    }

    /// <summary>Resolves the series of a measurement's tags: agent tags pick the agent id, the other tags become labels.</summary>
    internal ResolvedSeries CreateSeries(InstrumentBinding binding, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(Math.Max(1, tags.Length));
        var count = 0;
        try
        {
            object? agentValue = null;
            var agentRank = NoAgentTag;
            foreach (var (key, value) in tags)
            {
                var rank = AgentTagRank(key);
                if (rank != NoAgentTag)
                {
                    if (rank < agentRank)
                    {
                        agentRank = rank;
                        agentValue = value;
                    }

                    continue;
                }

                labels[count++] = new(BridgeNaming.LabelName(key), BridgeNaming.LabelValue(value));
            }

            var agentId = agentRank == NoAgentTag ? _defaultAgentId : BridgeNaming.AgentIdFrom(agentValue) ?? _defaultAgentId;
            var series = _recorder.GetSeries(agentId, binding.MetricName, binding.Kind, labels.AsSpan(0, count));
            return series.IsValid
                ? new(series, null)
                : new(default, $"the series cap refused a new series of agent '{agentId}'");
        }
        catch (ArgumentException exception)
        {
            return new(default, exception.Message);
        }
        finally
        {
            labels.AsSpan(0, count).Clear();
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(labels);
        }
    }

    private static int AgentTagRank(string key) => key switch
    {
        MonitoringLabels.AgentId => 0,
        "gen_ai.agent.name" => 1,
        "gen_ai.agent.id" => 2,
        _ => NoAgentTag,
    };

    private static void Measure<T>(object? state, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : INumberBase<T>
    {
        if (state is InstrumentBinding binding)
        {
            binding.Bridge.Record(binding, double.CreateTruncating(measurement), tags);
        }
    }

    private static string? CheckValue(InstrumentBinding binding, double value) => binding.Kind switch
    {
        MetricKind.Counter when !double.IsFinite(value) || value < 0 =>
            binding.Adds ? $"a counter increment must be finite and not negative, not {value}" : $"an observed counter total must be finite and not negative, not {value}",
        MetricKind.Gauge when binding.Adds && !double.IsFinite(value) => $"an up-down counter delta must be finite, not {value}",
        MetricKind.Histogram when !double.IsFinite(value) => $"a histogram observation must be finite, not {value}",
        _ => null,
    };

    private static double[]? AdviceBuckets(Instrument instrument) => instrument switch
    {
        Instrument<double> i => ToBuckets(i.Advice?.HistogramBucketBoundaries),
        Instrument<float> i => ToBuckets(i.Advice?.HistogramBucketBoundaries),
        Instrument<long> i => ToBuckets(i.Advice?.HistogramBucketBoundaries),
        Instrument<int> i => ToBuckets(i.Advice?.HistogramBucketBoundaries),
        Instrument<short> i => ToBuckets(i.Advice?.HistogramBucketBoundaries),
        Instrument<byte> i => ToBuckets(i.Advice?.HistogramBucketBoundaries),
        Instrument<decimal> i => ToBuckets(i.Advice?.HistogramBucketBoundaries),
        _ => null,
    };

    /// <summary>Converts advice bounds, or returns null (use the defaults) when they are not finite and strictly increasing.</summary>
    private static double[]? ToBuckets<T>(IReadOnlyList<T>? bounds)
        where T : INumberBase<T>
    {
        if (bounds is null || bounds.Count == 0)
        {
            return null;
        }

        var buckets = new double[bounds.Count];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = double.CreateTruncating(bounds[i]);
            if (!double.IsFinite(buckets[i]) || (i > 0 && buckets[i] <= buckets[i - 1]))
            {
                return null;
            }
        }

        return buckets;
    }

    private static (MetricKind Kind, bool Adds)? Classify(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return (MetricKind.Counter, true);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return (MetricKind.Counter, false);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return (MetricKind.Gauge, true);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>))
        {
            return (MetricKind.Gauge, false);
        }

        return definition == typeof(Histogram<>) ? (MetricKind.Histogram, false) : null;
    }

    private void Record(InstrumentBinding binding, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Increment(ref _measurements);
        try
        {
            var reason = binding.DisabledReason ?? CheckValue(binding, value);
            if (reason is null)
            {
                var resolved = binding.Resolve(tags);
                if (resolved.Series.IsValid)
                {
                    if (binding.Adds)
                    {
                        _recorder.Add(resolved.Series, value);
                    }
                    else
                    {
                        _recorder.Record(resolved.Series, value);
                    }

                    return;
                }

                reason = resolved.RefusedBecause ?? "the series was refused";
            }

            Refuse(binding, reason);
        }
#pragma warning disable CA1031 // The listener calls us from the instrument's thread: an exception would surface in the caller's code.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Refuse(binding, exception.Message);
        }
    }

    private void Refuse(InstrumentBinding binding, string reason)
    {
        Interlocked.Increment(ref _refused);
        if (binding.FirstRefusal())
        {
            BridgeLog.MeasurementRefused(_logger, binding.Instrument.Name, binding.Instrument.Meter.Name, binding.MetricName, reason);
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
#pragma warning disable CA1031 // Called by the runtime for every instrument of the process: it must never throw.
        try
        {
            if (!_matcher.IsMatch(instrument.Meter.Name))
            {
                return;
            }

            if (Classify(instrument) is not var (kind, adds))
            {
                BridgeLog.InstrumentSkipped(_logger, instrument.Name, instrument.Meter.Name, instrument.GetType().Name);
                return;
            }

            var metricName = BridgeNaming.MetricName(instrument.Name, instrument.Unit);
            string? disabledReason = null;
            try
            {
                _recorder.Describe(new MetricDescription(metricName, kind)
                {
                    Help = string.IsNullOrWhiteSpace(instrument.Description) ? null : instrument.Description,
                    Buckets = (kind == MetricKind.Histogram ? AdviceBuckets(instrument) : null) as IReadOnlyList<double> ?? MetricDescription.DefaultBuckets,
                });
            }
            catch (ArgumentException exception)
            {
                disabledReason = exception.Message;
            }

            listener.EnableMeasurementEvents(instrument, new InstrumentBinding(this, instrument, metricName, kind, adds, disabledReason));
        }
        catch (Exception exception)
        {
            BridgeLog.MeasurementRefused(_logger, instrument.Name, instrument.Meter.Name, string.Empty, exception.Message);
        }
#pragma warning restore CA1031
    }
}
