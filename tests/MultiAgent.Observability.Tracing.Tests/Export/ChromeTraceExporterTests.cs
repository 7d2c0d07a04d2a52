using System.Text.Json;
using static MultiAgent.Observability.Tracing.Tests.TestSpans;

namespace MultiAgent.Observability.Tracing.Tests;

public sealed class ChromeTraceExporterTests
{
    private static JsonDocument Export(IReadOnlyList<SpanData> spans)
    {
        using var stream = new MemoryStream();
        ChromeTraceExporter.Write(spans, stream);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static JsonElement[] Events(JsonDocument document, string phase) =>
        [.. document.RootElement.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() == phase)];

    [Fact]
    public void Write_Trace_OneCompleteEventPerSpanWithMicrosecondTimes()
    {
        using var document = Export(
        [
            Span(1, null, 0, 100, "Planner", "invoke_agent"),
            Span(2, 1, 10.5, 40.25, operation: "chat", attributes: [("gen_ai.usage.input_tokens", 12L)]),
        ]);

        var complete = Events(document, "X");
        Assert.Equal(2, complete.Length);
        var chat = complete.Single(e => e.GetProperty("args").GetProperty("spanId").GetString() == Hex(2));
        Assert.Equal(10_500, chat.GetProperty("ts").GetDouble());
        Assert.Equal(29_750, chat.GetProperty("dur").GetDouble());
        Assert.Equal("chat", chat.GetProperty("cat").GetString());
        Assert.Equal(12, chat.GetProperty("args").GetProperty("gen_ai.usage.input_tokens").GetInt64());
        Assert.Equal(Hex(1), chat.GetProperty("args").GetProperty("parentSpanId").GetString());
        var root = complete.Single(e => e.GetProperty("args").GetProperty("spanId").GetString() == Hex(1));
        Assert.Equal(0, root.GetProperty("ts").GetDouble());
        Assert.Equal(100_000, root.GetProperty("dur").GetDouble());
        Assert.Equal("ms", document.RootElement.GetProperty("displayTimeUnit").GetString());
    }

    [Fact]
    public void Write_SeveralAgents_OneProcessPerAgentNamedByMetadata()
    {
        using var document = Export(
        [
            Span(1, null, 0, 100, "Planner", "invoke_agent"),
            Span(2, 1, 10, 60, "Researcher", "invoke_agent"),
            Span(3, 2, 20, 30, operation: "chat"),
        ]);

        var names = Events(document, "M")
            .Where(e => e.GetProperty("name").GetString() == "process_name")
            .ToDictionary(e => e.GetProperty("args").GetProperty("name").GetString()!, e => e.GetProperty("pid").GetInt32());
        Assert.Equal(2, names.Count);
        Assert.NotEqual(names["Planner"], names["Researcher"]);
        var chat = Events(document, "X").Single(e => e.GetProperty("args").GetProperty("spanId").GetString() == Hex(3));
        Assert.Equal(names["Researcher"], chat.GetProperty("pid").GetInt32());
    }

    [Fact]
    public void Write_OverlappingSiblings_GoOnDifferentLanesAndEveryLaneNests()
    {
        using var document = Export(
        [
            Span(1, null, 0, 100, "A"),
            Span(2, 1, 10, 60),
            Span(3, 1, 20, 80),
            Span(4, 1, 70, 90),
            Span(5, 2, 15, 25),
            Span(6, 1, -5, 20),
        ]);

        var complete = Events(document, "X");
        int Lane(int id) => complete.Single(e => e.GetProperty("args").GetProperty("spanId").GetString() == Hex(id)).GetProperty("tid").GetInt32();
        Assert.NotEqual(Lane(2), Lane(3));
        Assert.True(complete.Min(e => e.GetProperty("ts").GetDouble()) >= 0);

        // On one (pid, tid) any two events are disjoint or one contains the other.
        foreach (var lane in complete.GroupBy(e => (e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32())))
        {
            var intervals = lane.Select(e => (Start: e.GetProperty("ts").GetDouble(), End: e.GetProperty("ts").GetDouble() + e.GetProperty("dur").GetDouble())).ToArray();
            foreach (var x in intervals)
            {
                foreach (var y in intervals)
                {
                    var disjoint = x.End <= y.Start || y.End <= x.Start;
                    var nested = (x.Start <= y.Start && y.End <= x.End) || (y.Start <= x.Start && x.End <= y.End);
                    Assert.True(disjoint || nested, $"[{x.Start}, {x.End}] and [{y.Start}, {y.End}] cross on lane {lane.Key}");
                }
            }
        }
    }

    [Fact]
    public void Write_BadData_StillWritesValidJson()
    {
        using var document = Export([Span(1, 2, 0, 10), Span(2, 1, 5, null), Span(3, 77, 20, 10, attributes: [("odd", new object()), ("nan", double.NaN)])]);

        Assert.Equal(3, Events(document, "X").Length);
    }

    [Fact]
    public void Write_ToUtf8JsonWriter_WritesOneObject()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ChromeTraceExporter.Write([Span(1, null, 0, 1)], writer);
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("traceEvents").ValueKind);
    }

    [Fact]
    public void Write_AttributeWhoseToStringThrows_WritesNullLikeTheAnalyzerTreatsItAsAbsent()
    {
        // The bug: ChromeTraceExporter.Write threw where the analyzer already tolerated such a value.
        var spans = new[]
        {
            Span(1, null, 0, 10, "Planner", "invoke_agent", attributes: [("broken", new ThrowingToString()), ("nan", double.NaN), ("weird", new object())]),
            Span(2, 1, 0, 10) with { Attributes = [new("gen_ai.agent.name", new ThrowingToString()), new(null!, "no key")] },
        };

        using var document = Export(spans);

        var root = Events(document, "X").Single(e => e.GetProperty("args").GetProperty("spanId").GetString() == Hex(1));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("args").GetProperty("broken").ValueKind);
        Assert.Equal("NaN", root.GetProperty("args").GetProperty("nan").GetString());
        Assert.Equal(TraceAnalyzer.Analyze(spans).Spans.Count, Events(document, "X").Length);
    }
}

