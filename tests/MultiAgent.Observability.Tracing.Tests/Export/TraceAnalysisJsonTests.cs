using System.Diagnostics;
using System.Text.Json;
using static MultiAgent.Observability.Tracing.Tests.TestSpans;

namespace MultiAgent.Observability.Tracing.Tests;

public sealed class TraceAnalysisJsonTests
{
    private static TraceAnalysis Sample() => TraceAnalyzer.Analyze(
    [
        Span(1, null, 0, 100, "Planner", "invoke_agent"),
        Span(2, 1, 10, 60, "Researcher", "invoke_agent", ActivityStatusCode.Error, attributes: [("gen_ai.usage.input_tokens", 10L), ("gen_ai.usage.output_tokens", 3L)]),
        Span(3, 2, 20, 50, operation: "chat", attributes: [("gen_ai.usage.input_tokens", 10L), ("gen_ai.usage.output_tokens", 3L)]),
        Span(4, 1, 70, null, operation: "chat"),
    ]);

    [Fact]
    public void Serialize_Analysis_HasTheDocumentedCamelCaseShape()
    {
        using var document = JsonDocument.Parse(TraceAnalysisJson.Serialize(Sample(), indented: false));
        var root = document.RootElement;

        Assert.Equal(TestSpans.TraceId.ToHexString(), root.GetProperty("traceId").GetString());
        Assert.Equal(100, root.GetProperty("durationMs").GetDouble());
        var agent = root.GetProperty("agents")[0];
        Assert.Equal("Planner", agent.GetProperty("agent").GetString());
        foreach (var name in new[] { "spanCount", "selfTimeMs", "criticalPathShare", "inputTokens", "outputTokens", "errors" })
        {
            Assert.True(agent.TryGetProperty(name, out _), "agents[0]." + name);
        }

        var researcher = root.GetProperty("agents")[1];
        Assert.Equal(10, researcher.GetProperty("inputTokens").GetInt64());
        Assert.Equal(1, researcher.GetProperty("errors").GetInt32());

        var section = root.GetProperty("criticalPath")[0];
        Assert.Equal(Hex(1), section.GetProperty("spanId").GetString());
        Assert.Equal("Planner", section.GetProperty("agent").GetString());
        Assert.Equal(0, section.GetProperty("startMs").GetDouble());
        Assert.Equal(10, section.GetProperty("endMs").GetDouble());

        var edge = root.GetProperty("graph").GetProperty("edges")[0];
        Assert.Equal("Planner", edge.GetProperty("caller").GetString());
        Assert.Equal("Researcher", edge.GetProperty("callee").GetString());
        Assert.Equal(1, edge.GetProperty("calls").GetInt32());
        Assert.Equal(1, edge.GetProperty("errors").GetInt32());

        var problem = root.GetProperty("problems")[0];
        Assert.Equal("unfinishedSpan", problem.GetProperty("kind").GetString());
        Assert.True(root.GetProperty("spans")[3].GetProperty("isUnfinished").GetBoolean());
    }

    [Fact]
    public void Serialize_Indented_IsTheSameDocumentOnSeveralLines()
    {
        var analysis = Sample();

        var compact = TraceAnalysisJson.Serialize(analysis, indented: false);
        var indented = TraceAnalysisJson.Serialize(analysis, indented: true);

        Assert.DoesNotContain('\n', compact);
        Assert.Contains('\n', indented);
        using var a = JsonDocument.Parse(compact);
        using var b = JsonDocument.Parse(indented);
        Assert.True(JsonElement.DeepEquals(a.RootElement, b.RootElement));
    }

    [Fact]
    public void Write_ToUtf8JsonWriter_WritesTheSameDocument()
    {
        var analysis = Sample();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            TraceAnalysisJson.Write(analysis, writer);
        }

        Assert.Equal(TraceAnalysisJson.Serialize(analysis), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Serialize_AnalysisOfUnreadableAttributes_WritesLikeTheAnalyzerReadsThem()
    {
        var spans = new[]
        {
            TestSpans.Span(1, null, 0, 10, "Planner", "invoke_agent", attributes: [("gen_ai.usage.input_tokens", long.MaxValue)]),
            TestSpans.Span(2, 1, 1, 2) with { Attributes = [new("gen_ai.agent.name", new ThrowingToString()), new("gen_ai.usage.input_tokens", new ThrowingToString())] },
        };
        var analysis = TraceAnalyzer.Analyze(spans);

        using var document = JsonDocument.Parse(TraceAnalysisJson.Serialize(analysis));

        Assert.Equal(long.MaxValue, document.RootElement.GetProperty("inputTokens").GetInt64());
        Assert.Equal(2, document.RootElement.GetProperty("spans").GetArrayLength());
        Assert.Equal("Planner", document.RootElement.GetProperty("spans")[1].GetProperty("agent").GetString());
    }
}

