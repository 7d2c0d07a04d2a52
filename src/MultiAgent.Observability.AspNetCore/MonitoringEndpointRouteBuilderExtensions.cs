using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.AspNetCore;
using MultiAgent.Observability.AspNetCore.Api;
using MultiAgent.Observability.AspNetCore.Dashboard;
using MultiAgent.Observability.AspNetCore.Metrics;

namespace MultiAgent.Observability;

/// <summary>Maps the monitoring endpoints on an ASP.NET Core <see cref="IEndpointRouteBuilder"/>.</summary>
public static class MonitoringEndpointRouteBuilderExtensions
{
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps the monitoring endpoints under <paramref name="prefix"/>: <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>,
    /// and, unless turned off in <see cref="MonitoringEndpointsOptions"/>, the JSON endpoints <c>/api/fleet</c>,
    /// <c>/api/health-report</c>, <c>/api/alerts</c>, <c>/api/traces</c>, <c>/api/traces/{traceId}</c> and the
    /// <c>/dashboard</c> page. Every endpoint answers <c>GET</c> and <c>HEAD</c> only (other methods get 405).
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="prefix">The route prefix, empty or starting with <c>/</c> (<c>"/monitoring"</c>); a trailing <c>/</c> is ignored.</param>
    /// <returns>A convention builder over every mapped endpoint: <c>.RequireAuthorization("policy")</c> applies to all of them.</returns>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is not empty and does not start with <c>/</c>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddMonitoringEndpoints()</c> was not called on the monitoring builder.</exception>
    public static IEndpointConventionBuilder MapMultiAgentMonitoring(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && prefix[0] != '/')
        {
            throw new ArgumentException("The prefix must be empty or start with '/'.", nameof(prefix));
        }

        if (endpoints.ServiceProvider.GetService<MonitoringEndpointsMarker>() is null)
        {
            throw new InvalidOperationException(
                "The monitoring endpoints are not added: call services.AddMultiAgentMonitoring().AddMonitoringEndpoints() before MapMultiAgentMonitoring().");
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<MonitoringEndpointsOptions>>().Value;
        var group = endpoints.MapGroup(prefix.TrimEnd('/'));
        group.MapMethods("/metrics", ReadMethods, MetricsEndpoint.HandleAsync).WithDisplayName("MultiAgent metrics");
        MapHealth(group, "/healthz", MonitoringHealthChecks.LiveTag).WithDisplayName("MultiAgent liveness");
        MapHealth(group, "/readyz", MonitoringHealthChecks.ReadyTag).WithDisplayName("MultiAgent readiness");
        if (options.EnableJsonApi)
        {
            group.MapMethods("/api/fleet", ReadMethods, ApiEndpoints.FleetAsync).WithDisplayName("MultiAgent fleet overview");
            group.MapMethods("/api/health-report", ReadMethods, ApiEndpoints.HealthReportAsync).WithDisplayName("MultiAgent health report");
            group.MapMethods("/api/alerts", ReadMethods, ApiEndpoints.AlertsAsync).WithDisplayName("MultiAgent alerts");
            group.MapMethods("/api/traces", ReadMethods, ApiEndpoints.TracesAsync).WithDisplayName("MultiAgent recent traces");
            group.MapMethods("/api/traces/{traceId}", ReadMethods, ApiEndpoints.TraceAsync).WithDisplayName("MultiAgent trace analysis");
        }

        if (options.EnableDashboard)
        {
            group.MapMethods("/dashboard", ReadMethods, DashboardEndpoint.HandleAsync).WithDisplayName("MultiAgent dashboard");
        }

        return group;
    }

    private static IEndpointConventionBuilder MapHealth(IEndpointRouteBuilder group, string pattern, string tag) =>
        group.MapHealthChecks(pattern, new HealthCheckOptions { Predicate = check => check.Tags.Contains(tag) })
            .WithMetadata(new HttpMethodMetadata(ReadMethods));
}
