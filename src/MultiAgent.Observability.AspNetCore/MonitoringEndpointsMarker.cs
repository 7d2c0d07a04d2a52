namespace MultiAgent.Observability.AspNetCore;

/// <summary>Registered by <c>AddMonitoringEndpoints()</c>: makes the call idempotent and lets the mapping check it was made.</summary>
internal sealed class MonitoringEndpointsMarker;
