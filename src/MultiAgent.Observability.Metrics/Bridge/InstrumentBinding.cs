using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>
/// How one bridged instrument maps into the pipeline (metric name, kind, add or record), with a cache of
/// resolved series per tag set so a repeated measurement costs at most one hash lookup and no allocation.
/// </summary>
internal sealed class InstrumentBinding
{
    /// <summary>The most tag sets cached per instrument; past it, new tag sets resolve through the pipeline each time.</summary>
    public const int MaxCachedTagSets = 1024;

    private static int s_nextSlot;

    private readonly ConcurrentDictionary<TagSetKey, ResolvedSeries> _cache = new(TagSetKeyComparer.Instance);
    private readonly ConcurrentDictionary<TagSetKey, ResolvedSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private int _cached;
    private int _refusalLogged;

    public InstrumentBinding(MeterBridge bridge, Instrument instrument, string metricName, MetricKind kind, bool adds, string? disabledReason)
    {
        Bridge = bridge;
        Instrument = instrument;
        MetricName = metricName;
        Kind = kind;
        Adds = adds;
        DisabledReason = disabledReason;
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        Slot = Interlocked.Increment(ref s_nextSlot);
    }

    /// <summary>Gets where this instrument's entry goes in each thread's <see cref="RecentTagSets"/>.</summary>
    public int Slot { get; }

    public MeterBridge Bridge { get; }

    public Instrument Instrument { get; }

    public string MetricName { get; }

    public MetricKind Kind { get; }

    /// <summary>Gets whether measurements are increments (<c>Counter</c>, <c>UpDownCounter</c>) rather than values.</summary>
    public bool Adds { get; }

    /// <summary>Gets why every measurement is refused (the metric name is taken by another kind), or null.</summary>
    public string? DisabledReason { get; }

    /// <summary>
    /// Gets the series of a tag set: from the thread's <see cref="RecentTagSets"/> when the tags are the same objects as
    /// last time, else from the content-keyed cache when every tag value is a string, else from the pipeline.
    /// </summary>
    public ResolvedSeries Resolve(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (RecentTagSets.TryGet(this, tags, out var recent))
        {
            return recent;
        }

        // Only string values can match again: other values arrive boxed anew for every measurement.
        if (!TagSetKey.IsCacheable(tags))
        {
            return Bridge.CreateSeries(this, tags);
        }

        if (!_lookup.TryGetValue(tags, out var resolved))
        {
            resolved = Bridge.CreateSeries(this, tags);

            // Refusals are cached too: invalid tags and the series cap are permanent, so they stay cheap to refuse.
            if (Volatile.Read(ref _cached) < MaxCachedTagSets && _cache.TryAdd(new TagSetKey(tags), resolved))
            {
                Interlocked.Increment(ref _cached);
            }
        }

        RecentTagSets.Remember(this, tags, resolved);
        return resolved;
    }

    /// <summary>Returns true the first time only, so each instrument logs one refusal.</summary>
    public bool FirstRefusal() => Interlocked.Exchange(ref _refusalLogged, 1) == 0;
}

/// <summary>A resolved series, or why there is none.</summary>
/// <param name="Series">The handle; invalid when refused.</param>
/// <param name="RefusedBecause">Why the series was refused, or null.</param>
internal readonly record struct ResolvedSeries(MetricSeries Series, string? RefusedBecause);
