using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// The series of the source by exposed metric name (<c>x_total</c> for counters), grown incrementally as series
/// appear, so a rule finds its candidates without scanning every series. Only counters and gauges are indexed.
/// </summary>
internal sealed class SeriesIndex
{
    private static readonly List<int> None = [];
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private int _seen;

    /// <summary>Indexes the series created since the last call.</summary>
    public void Update(IRuleSeriesSource source)
    {
        var count = source.SeriesCount;
        for (; _seen < count; _seen++)
        {
            var info = source.GetInfo(_seen);
            if (info.Kind is not (MetricKind.Counter or MetricKind.Gauge))
            {
                continue;
            }

            var name = ExposedName(info.Name, info.Kind);
            if (!_byName.TryGetValue(name, out var list))
            {
                _byName[name] = list = [];
            }

            list.Add(_seen);
        }
    }

    /// <summary>Gets the series exposed under <paramref name="name"/>, in creation order (the list only grows).</summary>
    public List<int> Get(string name) => _byName.TryGetValue(name, out var list) ? list : None;

    /// <summary>The name a series is exposed (and selected) under: counters end in <c>_total</c>.</summary>
    public static string ExposedName(string name, MetricKind kind) =>
        kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
}
