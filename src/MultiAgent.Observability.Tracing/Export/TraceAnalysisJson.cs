using System.Text.Json;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Writes a <see cref="TraceAnalysis"/> as JSON with camelCase names (<c>traceId</c>, <c>durationMs</c>, <c>agents</c>,
/// <c>criticalPath</c>, <c>graph.edges</c>, <c>spans</c>, <c>problems</c>…), using source-generated serialization
/// (trimming- and AOT-safe). Null values are omitted; enums are camelCase strings.
/// </summary>
public static class TraceAnalysisJson
{
    private static readonly TraceAnalysisJsonContext s_indented = new(new JsonSerializerOptions(TraceAnalysisJsonContext.Default.Options) { WriteIndented = true });

    /// <summary>Serializes the analysis to a JSON string.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="indented">Whether to indent the output for people.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(TraceAnalysis analysis, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var context = indented ? s_indented : TraceAnalysisJsonContext.Default;
        return JsonSerializer.Serialize(analysis, context.TraceAnalysis);
    }

    /// <summary>Writes the analysis as one JSON value to a writer.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="writer">The writer; its own options decide indentation.</param>
    public static void Write(TraceAnalysis analysis, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, analysis, TraceAnalysisJsonContext.Default.TraceAnalysis);
    }
}
