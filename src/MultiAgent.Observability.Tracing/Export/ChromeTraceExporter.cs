using System.Globalization;
using System.Text.Json;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Writes a trace in the Chrome trace-event format, which Perfetto (ui.perfetto.dev) and <c>chrome://tracing</c> open:
/// one complete event (<c>"ph":"X"</c>) per span with <c>ts</c> and <c>dur</c> in microseconds from the start of the
/// trace, one process (<c>pid</c>) per agent named by a <c>process_name</c> metadata event, and one thread (<c>tid</c>)
/// per nesting lane, so that overlapping siblings land on different lanes and every lane nests properly.
/// </summary>
public static class ChromeTraceExporter
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = false };

    /// <summary>Writes the spans of one trace to a stream as a JSON object with a <c>traceEvents</c> array.</summary>
    /// <param name="spans">The spans of one trace; bad data is repaired as <see cref="TraceAnalyzer"/> does.</param>
    /// <param name="stream">The stream; left open.</param>
    public static void Write(IReadOnlyList<SpanData> spans, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, s_writerOptions);
        Write(spans, writer);
        writer.Flush();
    }

    /// <summary>Writes the spans of one trace to a JSON writer as an object with a <c>traceEvents</c> array.</summary>
    /// <param name="spans">The spans of one trace; bad data is repaired as <see cref="TraceAnalyzer"/> does.</param>
    /// <param name="writer">The writer.</param>
    public static void Write(IReadOnlyList<SpanData> spans, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(writer);
        var tree = TraceTree.Build(spans, int.MaxValue);
        var n = tree.Count;
        var (traceStart, _) = n == 0 ? (0L, 0L) : TraceAnalyzer.Window(tree);

        // Hull over every span, so spans that start before their root still get ts >= 0.
        for (var i = 0; i < n; i++)
        {
            traceStart = Math.Min(traceStart, tree.Start[i]);
        }

        var agents = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            agents.TryAdd(tree.Agent[i], 0);
        }

        var pid = 1;
        foreach (var agent in agents.Keys.ToArray())
        {
            agents[agent] = pid++;
        }

        var lanes = AssignLanes(tree, agents, out var laneCounts);

        writer.WriteStartObject();
        writer.WriteString("displayTimeUnit", "ms");
        writer.WriteStartObject("otherData");
        writer.WriteString("traceId", n == 0 ? string.Empty : tree.TraceId.ToHexString());
        writer.WriteEndObject();
        writer.WriteStartArray("traceEvents");
        foreach (var (agent, id) in agents)
        {
            writer.WriteStartObject();
            writer.WriteString("name", "process_name");
            writer.WriteString("ph", "M");
            writer.WriteNumber("pid", id);
            writer.WriteNumber("tid", 0);
            writer.WriteStartObject("args");
            writer.WriteString("name", agent);
            writer.WriteEndObject();
            writer.WriteEndObject();
            for (var lane = 1; lane <= laneCounts[id]; lane++)
            {
                writer.WriteStartObject();
                writer.WriteString("name", "thread_name");
                writer.WriteString("ph", "M");
                writer.WriteNumber("pid", id);
                writer.WriteNumber("tid", lane);
                writer.WriteStartObject("args");
                writer.WriteString("name", "lane " + lane.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }

        foreach (var i in tree.PreOrder)
        {
            var span = tree.Spans[i];
            writer.WriteStartObject();
            writer.WriteString("name", string.IsNullOrEmpty(span.Name) ? tree.Operation[i] : span.Name);
            writer.WriteString("cat", tree.Operation[i]);
            writer.WriteString("ph", "X");
            writer.WriteNumber("ts", Microseconds(tree.Start[i] - traceStart));
            writer.WriteNumber("dur", Microseconds(tree.End[i] - tree.Start[i]));
            writer.WriteNumber("pid", agents[tree.Agent[i]]);
            writer.WriteNumber("tid", lanes[i]);
            writer.WriteStartObject("args");
            writer.WriteString("spanId", span.SpanId.ToHexString());
            if (span.ParentSpanId != default)
            {
                writer.WriteString("parentSpanId", span.ParentSpanId.ToHexString());
            }

            writer.WriteString("agent", tree.Agent[i]);
            writer.WriteString("kind", KindName(span.Kind));
            writer.WriteString("status", StatusName(span.Status));
            if (tree.IsUnfinished[i])
            {
                writer.WriteBoolean("unfinished", true);
            }

            if (tree.IsOrphan[i])
            {
                writer.WriteBoolean("orphan", true);
            }

            var attributes = span.Attributes;
            for (var a = 0; attributes is not null && a < attributes.Count; a++)
            {
                WriteAttribute(writer, attributes[a]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Microseconds, with the tick (100 ns) kept as a fraction.</summary>
    private static double Microseconds(long ticks) => ticks / 10.0;

    /// <summary>
    /// Greedy lane assignment per agent: spans in start order (enclosing first) go on the first lane where they nest
    /// inside the innermost still-open span, or where nothing is open. Chrome's "X" events on one thread must nest.
    /// </summary>
    private static int[] AssignLanes(TraceTree tree, SortedDictionary<string, int> agents, out int[] laneCounts)
    {
        var n = tree.Count;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) =>
        {
            var c = tree.Start[x].CompareTo(tree.Start[y]);
            if (c != 0)
            {
                return c;
            }

            c = tree.End[y].CompareTo(tree.End[x]);
            return c != 0 ? c : tree.Depth[x].CompareTo(tree.Depth[y]);
        });

        var lanes = new int[n];
        var stacksByPid = new List<Stack<long>>[agents.Count + 1];
        laneCounts = new int[agents.Count + 1];
        foreach (var i in order)
        {
            var pid = agents[tree.Agent[i]];
            var stacks = stacksByPid[pid] ??= [];
            var chosen = -1;
            for (var lane = 0; lane < stacks.Count && chosen < 0; lane++)
            {
                var open = stacks[lane];
                while (open.Count != 0 && open.Peek() <= tree.Start[i])
                {
                    open.Pop();
                }

                if (open.Count == 0 || open.Peek() >= tree.End[i])
                {
                    chosen = lane;
                }
            }

            if (chosen < 0)
            {
                stacks.Add(new Stack<long>());
                chosen = stacks.Count - 1;
            }

            stacks[chosen].Push(tree.End[i]);
            lanes[i] = chosen + 1;
            laneCounts[pid] = Math.Max(laneCounts[pid], stacks.Count);
        }

        return lanes;
    }

    private static void WriteAttribute(Utf8JsonWriter writer, KeyValuePair<string, object?> attribute)
    {
        if (string.IsNullOrEmpty(attribute.Key))
        {
            return;
        }

        switch (attribute.Value)
        {
            case null:
                writer.WriteNull(attribute.Key);
                break;
            case string s:
                writer.WriteString(attribute.Key, s);
                break;
            case bool b:
                writer.WriteBoolean(attribute.Key, b);
                break;
            case long l:
                writer.WriteNumber(attribute.Key, l);
                break;
            case int i:
                writer.WriteNumber(attribute.Key, i);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumber(attribute.Key, d);
                break;
            default:
                // Values are whatever instrumentation set; one whose text cannot be read is written as null, as the
                // analyzer treats it as absent, so one bad attribute never costs the whole export.
                writer.WriteString(attribute.Key, SpanAttributes.TextOf(attribute.Value));
                break;
        }
    }

    private static string KindName(System.Diagnostics.ActivityKind kind) => kind switch
    {
        System.Diagnostics.ActivityKind.Server => "server",
        System.Diagnostics.ActivityKind.Client => "client",
        System.Diagnostics.ActivityKind.Producer => "producer",
        System.Diagnostics.ActivityKind.Consumer => "consumer",
        _ => "internal",
    };

    private static string StatusName(System.Diagnostics.ActivityStatusCode status) => status switch
    {
        System.Diagnostics.ActivityStatusCode.Ok => "ok",
        System.Diagnostics.ActivityStatusCode.Error => "error",
        _ => "unset",
    };
}
