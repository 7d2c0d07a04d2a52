using System.Globalization;
using static MultiAgent.Observability.Tracing.Tests.TestSpans;

namespace MultiAgent.Observability.Tracing.Tests.Analysis;

public sealed class SpanAttributesTests
{
    [Fact]
    public void FindString_ValueWhoseToStringThrows_TreatedAsAbsent()
    {
        var span = Span(1, null, 0, 10, operation: "chat", attributes: (GenAIAttributes.AgentName, new ThrowingToString()));

        Assert.Null(SpanAttributes.FindString(span, GenAIAttributes.AgentName));
    }

    [Fact]
    public void FindString_FormattableWhoseToStringThrows_TreatedAsAbsent()
    {
        var span = Span(1, null, 0, 10, operation: "chat", attributes: (GenAIAttributes.AgentName, new ThrowingFormattable()));

        Assert.Null(SpanAttributes.FindString(span, GenAIAttributes.AgentName));
    }

    [Fact]
    public void Analyze_AgentNameWhoseToStringThrows_DoesNotThrowAndFallsBackToAgentId()
    {
        var spans = new[]
        {
            Span(1, null, 0, 10, operation: "invoke_agent", attributes: [(GenAIAttributes.AgentName, new ThrowingToString()), (GenAIAttributes.AgentId, "planner-1")]),
            Span(2, 1, 1, 9, operation: "chat", attributes: (GenAIAttributes.OperationName + ".x", new ThrowingFormattable())),
        };

        var analysis = TraceAnalyzer.Analyze(spans);

        Assert.Equal(2, analysis.Spans.Count);
        Assert.Contains(analysis.Agents, a => a.Agent == "planner-1");
    }

    private sealed class ThrowingFormattable : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => throw new FormatException("broken format");

        public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
    }
}
