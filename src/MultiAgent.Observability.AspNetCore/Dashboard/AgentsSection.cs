using System.Globalization;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.AspNetCore.Dashboard;

/// <summary>
/// The agents table: every registered agent (and every agent seen only in the metrics) with its status, a few recent
/// series as sparklines, and the tokens and estimated cost it recorded.
/// </summary>
internal static class AgentsSection
{
    private const double SparkWidth = 120;
    private const double SparkHeight = 28;

    public static void Write(HtmlWriter html, IAgentRegistry registry, IMetricReader reader, MonitoringEndpointsOptions options, DateTimeOffset now)
    {
        var seriesByAgent = new Dictionary<string, List<MetricSeriesInfo>>(StringComparer.Ordinal);
        foreach (var info in reader.ListSeries())
        {
            if (!seriesByAgent.TryGetValue(info.AgentId, out var list))
            {
                seriesByAgent[info.AgentId] = list = [];
            }

            list.Add(info);
        }

        var agents = new SortedDictionary<string, AgentStatus?>(StringComparer.Ordinal);
        foreach (var agent in registry.GetAll())
        {
            agents[agent.Info.Id.ToString()] = agent.Status;
        }

        foreach (var agentId in seriesByAgent.Keys)
        {
            agents.TryAdd(agentId, null);
        }

        html.Raw("<section id=\"agents\" data-section=\"agents\"><h2>Agents</h2>");
        if (agents.Count == 0)
        {
            html.Raw("<p class=\"empty\" data-empty=\"agents\">No agent is registered and no series is recorded yet.</p></section>");
            return;
        }

        html.Raw("<table><thead><tr><th>Agent</th><th>Status</th><th>Recent values</th><th class=\"num\">Tokens</th><th class=\"num\">Est. cost</th></tr></thead><tbody>");
        foreach (var (agentId, status) in agents)
        {
            var series = seriesByAgent.GetValueOrDefault(agentId) ?? [];
            var statusText = status?.ToString().ToLowerInvariant() ?? "not registered";
            html.Raw("<tr").Attribute("data-agent-id", agentId).Attribute("data-status", statusText).Raw("><td class=\"agent\">").Text(agentId)
                .Raw("</td><td><span").Attribute("class", "status status-" + statusText.Replace(' ', '-')).Raw(">").Text(statusText).Raw("</span></td><td class=\"sparks\">");
            foreach (var info in PickSparklines(series, options))
            {
                WriteSparkline(html, info, reader.GetRecentValues(info.Series, now - options.Window, now));
            }

            html.Raw("</td>");
            WriteUsage(html, reader, series);
            html.Raw("</tr>");
        }

        html.Raw("</tbody></table></section>");
    }

    /// <summary>The preferred metrics first (in their order), then the agent's other counters and gauges by name.</summary>
    private static List<MetricSeriesInfo> PickSparklines(List<MetricSeriesInfo> series, MonitoringEndpointsOptions options)
    {
        var picked = new List<MetricSeriesInfo>(options.SparklinesPerAgent);
        foreach (var name in options.SparklineMetrics)
        {
            foreach (var info in series)
            {
                if (picked.Count < options.SparklinesPerAgent && info.Name == name && IsDrawable(info) && !picked.Contains(info))
                {
                    picked.Add(info);
                    break;
                }
            }
        }

        foreach (var info in series)
        {
            if (picked.Count >= options.SparklinesPerAgent)
            {
                break;
            }

            if (IsDrawable(info) && info.Name != GenAISeriesNames.Cost && !picked.Contains(info))
            {
                picked.Add(info);
            }
        }

        return picked;
    }

    private static bool IsDrawable(MetricSeriesInfo info) => info.Kind is MetricKind.Gauge or MetricKind.Counter;

    private static void WriteSparkline(HtmlWriter html, MetricSeriesInfo info, IReadOnlyList<MetricPoint> points)
    {
        var label = info.Labels.Count == 0 ? info.Name : info.Name + "{" + string.Join(",", info.Labels.Select(static l => l.Key + "=" + l.Value)) + "}";
        html.Raw("<figure class=\"spark\"").Attribute("data-series", info.Name).Attribute("data-points", points.Count, "0").Attribute("title", label).Raw(">")
            .Raw("<svg viewBox=\"0 0 120 28\" width=\"120\" height=\"28\" role=\"img\"").Attribute("aria-label", label).Raw(">");
        if (points.Count > 0)
        {
            var min = double.MaxValue;
            var max = double.MinValue;
            foreach (var point in points)
            {
                min = Math.Min(min, point.Value);
                max = Math.Max(max, point.Value);
            }

            var range = max - min;
            var coordinates = new System.Text.StringBuilder();
            var count = Math.Max(points.Count, 2);
            for (var i = 0; i < count; i++)
            {
                var value = points[Math.Min(i, points.Count - 1)].Value;
                var x = i * SparkWidth / (count - 1);
                var y = range > 0 ? SparkHeight - 2 - ((value - min) / range * (SparkHeight - 4)) : SparkHeight / 2;
                coordinates.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
            }

            html.Raw("<polyline").Attribute("points", coordinates.ToString().TrimEnd()).Raw("/>");
        }

        html.Raw("</svg><figcaption>").Text(info.Name).Raw(" ");
        if (points.Count > 0)
        {
            html.Text(points[^1].Value, "G4");
        }
        else
        {
            html.Raw("no recent value");
        }

        html.Raw("</figcaption></figure>");
    }

    private static void WriteUsage(HtmlWriter html, IMetricReader reader, List<MetricSeriesInfo> series)
    {
        double tokens = 0;
        var hasTokens = false;
        var costs = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var info in series)
        {
            if (info.Name == GenAISeriesNames.TokenUsage && reader.GetAggregate(info.Series) is HistogramAggregate histogram)
            {
                tokens += histogram.Sum;
                hasTokens = true;
            }
            else if (info.Name == GenAISeriesNames.Cost && reader.GetAggregate(info.Series) is CounterAggregate counter)
            {
                var currency = CurrencyOf(info);
                costs[currency] = costs.GetValueOrDefault(currency) + counter.Value;
            }
        }

        html.Raw("<td class=\"num\"").Attribute("data-tokens", hasTokens ? tokens.ToString("0", CultureInfo.InvariantCulture) : string.Empty).Raw(">");
        if (hasTokens)
        {
            html.Text(tokens, "#,0");
        }

        html.Raw("</td><td class=\"num\"").Attribute("data-cost", string.Join(" ", costs.Select(static c => c.Value.ToString("0.####", CultureInfo.InvariantCulture) + " " + c.Key))).Raw(">");
        var first = true;
        foreach (var (currency, amount) in costs)
        {
            html.Raw(first ? string.Empty : "<br>").Text(amount, "#,0.00##").Raw(" ").Text(currency);
            first = false;
        }

        html.Raw("</td>");
    }

    private static string CurrencyOf(MetricSeriesInfo info)
    {
        foreach (var (name, value) in info.Labels)
        {
            if (name == GenAISeriesNames.CurrencyLabel)
            {
                return value;
            }
        }

        return "?";
    }
}
