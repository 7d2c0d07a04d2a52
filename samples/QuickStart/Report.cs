using System.Globalization;
using System.Text;
using MultiAgent.Observability;
using MultiAgent.Observability.Metrics;

namespace QuickStart;

/// <summary>Renders what the pipeline and the registry hold as plain-text tables.</summary>
internal static class Report
{
    public static string Aggregates(IMetricReader reader)
    {
        List<string[]> rows = [["AGENT", "METRIC", "LABELS", "AGGREGATE"]];
        foreach (var series in reader.ListSeries())
        {
            var labels = series.Labels.Count == 0 ? "-" : string.Join(',', series.Labels.Select(l => $"{l.Key}={l.Value}"));
            rows.Add([series.AgentId, series.Name, labels, Describe(reader.GetAggregate(series.Series))]);
        }

        return Table(rows);
    }

    public static string Agents(IAgentRegistry registry, TimeProvider time)
    {
        List<string[]> rows = [["AGENT", "STATUS", "LABELS", "LAST HEARTBEAT"]];
        foreach (var agent in registry.GetAll())
        {
            var labels = string.Join(',', agent.Info.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            var age = (time.GetUtcNow() - agent.LastHeartbeat).TotalMilliseconds;
            rows.Add([agent.Info.Id.Value, agent.Status.ToString(), labels, Invariant($"{age:N0} ms ago")]);
        }

        return Table(rows);
    }

    public static string Statistics(MetricPipelineStatistics stats) =>
        Invariant($"accepted {stats.Accepted:N0} = aggregated {stats.Aggregated:N0} + dropped {stats.Dropped:N0}; rejected {stats.Rejected:N0}; {stats.SeriesCount} series");

    private static string Describe(MetricAggregate? aggregate) => aggregate switch
    {
        CounterAggregate c => Invariant($"total {c.Value:N0}"),
        GaugeAggregate g => Invariant($"last {g.Last:G4}  min {g.Min:G4}  max {g.Max:G4}"),
        HistogramAggregate h => Invariant($"count {h.Count:N0}  sum {h.Sum:F2}  p50 <= {Bucket(h, 0.5)}  p90 <= {Bucket(h, 0.9)}"),
        SummaryAggregate s => Invariant($"count {s.Count:N0}  sum {s.Sum:F2}  ") + string.Join("  ", s.Quantiles.Select(q => Invariant($"p{q.Key * 100:G3} {q.Value:G4}"))),
        null => "(no sample yet)",
        _ => aggregate.ToString(),
    };

    // A histogram only knows which bucket a quantile falls in: report that bucket's upper bound.
    private static string Bucket(HistogramAggregate histogram, double quantile)
    {
        var rank = quantile * histogram.Count;
        for (var i = 0; i < histogram.UpperBounds.Count; i++)
        {
            if (histogram.CumulativeCounts[i] >= rank)
            {
                var bound = histogram.UpperBounds[i];
                return double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString(CultureInfo.InvariantCulture);
            }
        }

        return "+Inf";
    }

    private static string Table(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString value) => FormattableString.Invariant(value);
}
