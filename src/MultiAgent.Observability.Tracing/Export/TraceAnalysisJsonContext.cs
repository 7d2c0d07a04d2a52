using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Tracing;

/// <summary>Source-generated JSON metadata for <see cref="TraceAnalysis"/>: camelCase names, enums as camelCase strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TraceAnalysis))]
internal sealed partial class TraceAnalysisJsonContext : JsonSerializerContext;
