using System.Text.Json.Serialization;

namespace MultiAgent.Observability.AspNetCore;

/// <summary>Source-generated JSON for every body the endpoints write: camelCase, enums as strings, NaN and infinities as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Problem))]
internal sealed partial class MonitoringJsonContext : JsonSerializerContext;
