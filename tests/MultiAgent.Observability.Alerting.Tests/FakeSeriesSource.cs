using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Tests;

/// <summary>An in-memory series source with exact sample times, for driving the engine sample by sample.</summary>
internal sealed class FakeSeriesSource : IRuleSeriesSource
{
    private readonly List<(MetricSeriesInfo Info, List<long> Times, List<double> Values)> _series = [];

    public int SeriesCount => _series.Count;

    public int RecentCapacity => 1024;

    public int Reads { get; private set; }

    public int Add(string agentId, string name, MetricKind kind, params (string Name, string Value)[] labels)
    {
        var sorted = labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Name, l.Value)).ToList();
        _series.Add((new MetricSeriesInfo(default, agentId, name, kind, sorted), [], []));
        return _series.Count - 1;
    }

    public void Record(int series, TimeSpan at, double value)
    {
        _series[series].Times.Add((long)at.TotalMilliseconds);
        _series[series].Values.Add(value);
    }

    public MetricSeriesInfo GetInfo(int index) => _series[index].Info;

    public bool ReadLast(int index, out long timestampMs, out double value)
    {
        Reads++;
        var (_, ts, vs) = _series[index];
        timestampMs = ts.Count == 0 ? 0 : ts[^1];
        value = vs.Count == 0 ? double.NaN : vs[^1];
        return ts.Count > 0;
    }

    public ReadOnlySpan<double> GetBuckets(int index) => [];

    public int ReadHistogram(int index, SeriesPart part, int bucket, long afterMs, long untilMs, Span<long> times, Span<double> values) => 0;

    public int ReadRecent(int index, long afterMs, long untilMs, Span<long> times, Span<double> values)
    {
        Reads++;
        var (_, ts, vs) = _series[index];
        var picked = new List<int>();
        for (var i = ts.Count - 1; i >= 0 && picked.Count < times.Length; i--)
        {
            if (ts[i] > afterMs && ts[i] <= untilMs)
            {
                picked.Add(i);
            }
        }

        picked.Reverse();
        for (var i = 0; i < picked.Count; i++)
        {
            times[i] = ts[picked[i]];
            values[i] = vs[picked[i]];
        }

        return picked.Count;
    }
}
