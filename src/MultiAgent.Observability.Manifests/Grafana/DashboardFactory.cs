using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using k8s.Models;
using MultiAgent.Observability.Manifests.Kubernetes;

using MultiAgent.Observability.Manifests.Monitoring;

namespace MultiAgent.Observability.Manifests.Grafana;

/// <summary>
/// Builds the Grafana overview dashboard as bare dashboard JSON (current model: <c>uid</c> ≤ 40, <c>schemaVersion</c>,
/// <c>stat</c> and <c>timeseries</c> panels with ids and <c>gridPos</c>, <c>${datasource}</c> and <c>$agent</c>
/// variables), and the ConfigMap labelled <c>grafana_dashboard: "1"</c> that the Grafana sidecar loads.
/// </summary>
/// <remarks>
/// The resource panels use the same series as the alert rules (see <see cref="Monitoring.AlertRules"/>); with the mesh on,
/// the inter-agent panels read Istio's request metrics (<see cref="MeshSeries"/>); the "Agents" row reads the per-agent
/// GenAI series (<see cref="GenAISeries"/>): tokens, cost, invocation latency percentiles and critical-path share.
/// </remarks>
internal static class DashboardFactory
{
    /// <summary>The dashboard schema version written; Grafana migrates older numbers forward, never back.</summary>
    public const int SchemaVersion = 42;

    public const int MaxUidLength = 40;

    // Relaxed escaping keeps PromQL readable in the file ('>' rather than \u003E); the JSON is data, never HTML.
    private static readonly JsonWriterOptions s_options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The uid: the system name, or when longer than 40 a prefix plus a hash so distinct names keep distinct uids.</summary>
    public static string Uid(SystemDescription system)
    {
        var name = system.Name;
        if (name.Length <= MaxUidLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..6];
        return name[..(MaxUidLength - 7)].TrimEnd('-') + "-" + hash;
    }

    public static string Json(SystemDescription system)
    {
        const string AgentId = MonitoringLabels.AgentId;
        const string ByPod = $"by ({AgentId}, instance)";
        const string Legend = $"{{{{{AgentId}}}}} {{{{instance}}}}";
        var select = "job=\"" + system.Name + "\"," + AgentId + "=~\"$agent\"";
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, s_options))
        {
            w.WriteStartObject();
            w.WriteNull("id");
            w.WriteString("uid", Uid(system));
            w.WriteString("title", system.Name + " agents");
            w.WriteStartArray("tags");
            w.WriteStringValue("multi-agent");
            w.WriteStringValue(system.Name);
            w.WriteEndArray();
            w.WriteString("timezone", "browser");
            w.WriteBoolean("editable", true);
            w.WriteNumber("graphTooltip", 1);
            w.WriteStartObject("time");
            w.WriteString("from", "now-6h");
            w.WriteString("to", "now");
            w.WriteEndObject();
            w.WriteString("refresh", "30s");
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteNumber("version", 1);
            w.WriteStartArray("links");
            w.WriteEndArray();
            w.WriteStartObject("annotations");
            w.WriteStartArray("list");
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("templating");
            w.WriteStartArray("list");
            w.WriteStartObject();
            w.WriteString("type", "datasource");
            w.WriteString("name", "datasource");
            w.WriteString("label", "Data source");
            w.WriteString("query", "prometheus");
            w.WriteNumber("refresh", 1);
            w.WriteBoolean("hide", false);
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("type", "query");
            w.WriteString("name", "agent");
            w.WriteString("label", "Agent");
            Datasource(w);
            w.WriteString("query", "label_values(up{job=\"" + system.Name + "\"}, " + AgentId + ")");
            w.WriteNumber("refresh", 2);
            w.WriteNumber("sort", 1);
            w.WriteBoolean("multi", true);
            w.WriteBoolean("includeAll", true);
            w.WriteString("allValue", ".*");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartArray("panels");
            var id = 1;
            Panel(w, id++, "stat", "Agents up", 0, 0, 6, 4, "none", [("sum(up{" + select + "})", "up")]);
            Panel(w, id++, "stat", "Agents down", 6, 0, 6, 4, "none", [("count(up{" + select + "} == 0) or vector(0)", "down")]);
            Panel(w, id++, "stat", "Scrape duration (max)", 12, 0, 12, 4, "s", [("max(scrape_duration_seconds{" + select + "})", "max")]);
            Panel(w, id++, "timeseries", "Targets up by agent", 0, 4, 24, 8, "none", [($"sum by ({AgentId}) (up{{{select}}})", $"{{{{{AgentId}}}}}")]);
            Panel(w, id++, "timeseries", "CPU (cores) by pod", 0, 12, 12, 8, "none",
            [
                (AgentSeries.CpuCores(ByPod, select), Legend),
            ]);
            Panel(w, id++, "timeseries", "CPU of limit by pod", 12, 12, 12, 8, "percentunit",
            [
                ($"({AgentSeries.CpuCores(ByPod, select)}) / on ({AgentId}) group_left () {AlertRules.CpuLimitRecord}{{{select}}}", Legend),
            ]);
            Panel(w, id++, "timeseries", "Memory working set by pod", 0, 20, 12, 8, "bytes",
            [
                (AgentSeries.MemoryBytes(ByPod, select), Legend),
            ]);
            Panel(w, id++, "timeseries", "Memory of limit by pod", 12, 20, 12, 8, "percentunit",
            [
                ($"({AgentSeries.MemoryBytes(ByPod, select)}) / on ({AgentId}) group_left () {AlertRules.MemoryLimitRecord}{{{select}}}", Legend),
            ]);
            var y = 28;
            if (system.Mesh.Enabled)
            {
                const string Edge = "{{source_workload}} → {{destination_workload}}";
                var mesh = MeshSeries.Selector(system);
                Panel(w, id++, "timeseries", "Inter-agent requests per second", 0, y, 12, 8, "reqps", [(MeshSeries.RequestRate(mesh), Edge)]);
                Panel(w, id++, "timeseries", "Inter-agent 5xx ratio", 12, y, 12, 8, "percentunit", [(MeshSeries.ErrorRatio(mesh), Edge)]);
                y += 8;
            }

            Row(w, id++, "Agents", y++);
            Panel(w, id++, "timeseries", "Tokens per second by agent and type", 0, y, 12, 8, "short",
            [
                (GenAISeries.TokensPerSecond(select), $"{{{{{AgentId}}}}} {{{{{GenAISeriesNames.TokenTypeLabel}}}}}"),
            ]);
            Panel(w, id++, "timeseries", "Estimated cost per hour by agent", 12, y, 12, 8, "none",
            [
                (GenAISeries.CostPerHour(select), $"{{{{{AgentId}}}}} ({{{{currency}}}})"),
            ]);
            Panel(w, id++, "timeseries", "Agent invocation latency", 0, y + 8, 12, 8, "s",
            [
                (GenAISeries.InvocationLatency("0.5", select), $"{{{{{AgentId}}}}} p50"),
                (GenAISeries.InvocationLatency("0.95", select), $"{{{{{AgentId}}}}} p95"),
                (GenAISeries.InvocationLatency("0.99", select), $"{{{{{AgentId}}}}} p99"),
            ]);
            Panel(w, id++, "timeseries", "Critical-path share by agent", 12, y + 8, 12, 8, "percentunit",
            [
                (GenAISeries.CriticalPathShareMean(select), $"{{{{{AgentId}}}}}"),
            ]);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    public static V1ConfigMap ConfigMap(SystemDescription system, string json)
    {
        var labels = WellKnownLabels.ForSystem(system.Name, "dashboard");
        labels["grafana_dashboard"] = "1";
        return new V1ConfigMap
        {
            ApiVersion = ApiVersions.Core,
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = "grafana-dashboard-" + Uid(system),
                NamespaceProperty = system.Monitoring.GrafanaNamespace ?? system.Monitoring.Namespace,
                Labels = WellKnownLabels.Sorted(labels),
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["grafana_folder"] = "Agents" },
            },
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { [Uid(system) + ".json"] = json },
        };
    }

    private static void Datasource(Utf8JsonWriter w)
    {
        w.WriteStartObject("datasource");
        w.WriteString("type", "prometheus");
        w.WriteString("uid", "${datasource}");
        w.WriteEndObject();
    }

    /// <summary>A full-width row header; the panels after it (up to the next row) belong to it.</summary>
    private static void Row(Utf8JsonWriter w, int id, string title, int y)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteString("type", "row");
        w.WriteString("title", title);
        w.WriteBoolean("collapsed", false);
        w.WriteStartObject("gridPos");
        w.WriteNumber("x", 0);
        w.WriteNumber("y", y);
        w.WriteNumber("w", 24);
        w.WriteNumber("h", 1);
        w.WriteEndObject();
        w.WriteStartArray("panels");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Panel(Utf8JsonWriter w, int id, string type, string title, int x, int y, int width, int height, string unit, (string Expr, string Legend)[] targets)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteString("type", type);
        w.WriteString("title", title);
        w.WriteStartObject("gridPos");
        w.WriteNumber("x", x);
        w.WriteNumber("y", y);
        w.WriteNumber("w", width);
        w.WriteNumber("h", height);
        w.WriteEndObject();
        Datasource(w);
        w.WriteStartObject("fieldConfig");
        w.WriteStartObject("defaults");
        w.WriteString("unit", unit);
        w.WriteEndObject();
        w.WriteStartArray("overrides");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("options");
        if (type == "timeseries")
        {
            w.WriteStartObject("legend");
            w.WriteString("displayMode", "list");
            w.WriteString("placement", "bottom");
            w.WriteBoolean("showLegend", true);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("colorMode", "value");
            w.WriteString("graphMode", "area");
        }

        w.WriteEndObject();
        w.WriteStartArray("targets");
        for (var i = 0; i < targets.Length; i++)
        {
            w.WriteStartObject();
            w.WriteString("refId", ((char)('A' + i)).ToString());
            Datasource(w);
            w.WriteString("expr", targets[i].Expr);
            w.WriteString("legendFormat", targets[i].Legend);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
