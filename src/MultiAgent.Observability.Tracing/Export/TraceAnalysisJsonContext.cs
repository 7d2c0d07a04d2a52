using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Tracing;

/// <summary>Source-generated JSON metadata for <see cref="TraceAnalysis"/>: camelCase names, enums as camelCase strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(TraceAnalysisJsonContext.ProblemKindConverter)])]
[JsonSerializable(typeof(TraceAnalysis))]
internal sealed partial class TraceAnalysisJsonContext : JsonSerializerContext
{
    /// <summary>Writes <see cref="TraceProblemKind"/> as camelCase strings (<c>unfinishedSpan</c>), like the property names.</summary>
    internal sealed class ProblemKindConverter() : JsonStringEnumConverter<TraceProblemKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
}
