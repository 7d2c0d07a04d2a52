namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>What the meter bridge has seen since it started.</summary>
/// <param name="Measurements">Measurements received from bridged instruments.</param>
/// <param name="Refused">Measurements not recorded: an invalid value (a negative or non-finite counter increment), tags that make an invalid or over-limit series, the series cap, or a metric name taken by another kind. Each cause is logged once per instrument.</param>
public sealed record BridgeStatistics(long Measurements, long Refused);
