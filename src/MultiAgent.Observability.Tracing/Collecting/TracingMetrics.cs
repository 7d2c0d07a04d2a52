using System.Diagnostics.Metrics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The <c>MultiAgent.Observability.Tracing</c> meter: counters for spans stored, dropped and evicted and traces evicted,
/// so the store's losses show up in the same metrics pipeline as everything else. Spans stored is an observable
/// counter reading the stores' own counts, so the per-span path records nothing on the meter (a listened counter's
/// <c>Add</c> costs tens of nanoseconds per span); drops and evictions are rare and recorded as they happen.
/// </summary>
internal sealed class TracingMetrics : IDisposable
{
    public const string MeterName = "MultiAgent.Observability.Tracing";
    public const string ReasonTag = "reason";

    private readonly Meter _meter;
    private readonly Lock _storedLock = new();
    private readonly List<Func<long>> _storedCounts = [];
    private readonly Counter<long> _spansDropped;
    private readonly Counter<long> _spansEvicted;
    private readonly Counter<long> _tracesEvicted;
    private readonly Counter<long> _attributesLimited;

    public TracingMetrics(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(MeterName) { Version = AgentActivitySource.Version };
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        _meter.CreateObservableCounter("multiagent.tracing.spans.stored", ObserveSpansStored, "{span}", "Spans stored in the trace store.");
        _spansDropped = _meter.CreateCounter<long>("multiagent.tracing.spans.dropped", "{span}", "Spans not stored, by reason: trace_full, invalid, collector_error.");
        _spansEvicted = _meter.CreateCounter<long>("multiagent.tracing.spans.evicted", "{span}", "Spans removed with evicted traces, by reason: capacity, age.");
        _tracesEvicted = _meter.CreateCounter<long>("multiagent.tracing.traces.evicted", "{trace}", "Traces evicted from the trace store, by reason: capacity, age.");
        _attributesLimited = _meter.CreateCounter<long>(
            "multiagent.tracing.attributes.limited", "{attribute}", "Values cut and attributes dropped by the span size limits, by reason: truncated, dropped.");
    }

    /// <summary>Adds a store's count of spans stored to what <c>multiagent.tracing.spans.stored</c> reports.</summary>
    public void AddSpansStoredSource(Func<long> count)
    {
        lock (_storedLock)
        {
            _storedCounts.Add(count);
        }
    }

    public void SpanDropped(string reason) => _spansDropped.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void TracesEvicted(int traces, int spans, string reason)
    {
        var tag = new KeyValuePair<string, object?>(ReasonTag, reason);
        _tracesEvicted.Add(traces, tag);
        _spansEvicted.Add(spans, tag);
    }

    public void AttributesLimited(int truncated, int dropped)
    {
        if (truncated != 0)
        {
            _attributesLimited.Add(truncated, new KeyValuePair<string, object?>(ReasonTag, "truncated"));
        }

        if (dropped != 0)
        {
            _attributesLimited.Add(dropped, new KeyValuePair<string, object?>(ReasonTag, "dropped"));
        }
    }

    public void Dispose() => _meter.Dispose();

    private long ObserveSpansStored()
    {
        lock (_storedLock)
        {
            var total = 0L;
            foreach (var count in _storedCounts)
            {
                total += count();
            }

            return total;
        }
    }
}
