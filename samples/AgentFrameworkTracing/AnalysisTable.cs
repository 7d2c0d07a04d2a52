using System.Globalization;
using System.Text;
using MultiAgent.Observability.Tracing;

namespace AgentFrameworkTracing;

/// <summary>Renders a <see cref="TraceAnalysis"/> as plain-text tables for a terminal, after the conversation's answer.</summary>
public static class AnalysisTable
{
    /// <summary>Renders the answer, then the library's <see cref="TraceAnalysisTable"/>: agents, critical path, interaction graph and any problems.</summary>
    /// <param name="answer">The conversation's final answer.</param>
    /// <param name="analysis">The analysis of its trace.</param>
    /// <returns>The text.</returns>
    public static string Render(string answer, TraceAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Answer:   {answer}");
        TraceAnalysisTable.Render(analysis, text);
        return text.ToString();
    }
}
