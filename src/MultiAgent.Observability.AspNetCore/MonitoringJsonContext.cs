using System.Text.Json.Serialization;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.AspNetCore.Api;

namespace MultiAgent.Observability.AspNetCore;

/// <summary>Source-generated JSON for every body the endpoints write: camelCase, enums as strings, NaN and infinities as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(FleetHealthReport))]
[JsonSerializable(typeof(AlertList))]
[JsonSerializable(typeof(TraceList))]
internal sealed partial class MonitoringJsonContext : JsonSerializerContext;
