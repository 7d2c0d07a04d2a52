using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.AspNetCore;
using MultiAgent.Observability.AspNetCore.Health;

namespace MultiAgent.Observability;

/// <summary>Adds the ASP.NET Core monitoring endpoints to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class MonitoringEndpointsBuilderExtensions
{
    /// <summary>
    /// Adds what <c>app.MapMultiAgentMonitoring()</c> serves: the metric pipeline (added too), the
    /// <see cref="MonitoringEndpointsOptions"/>, and ASP.NET Core health checks (<c>AddHealthChecks()</c>) named and
    /// tagged as <see cref="MonitoringHealthChecks"/> lists: liveness, readiness, and the fleet's agents and alerts.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Safe to call more than once: services and health checks are added once. Collection, alerting and tracing are
    /// optional: the endpoints that need one answer 404 when it is not added.
    /// </remarks>
    public static IMultiAgentMonitoringBuilder AddMonitoringEndpoints(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAgentMetrics();
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(MonitoringEndpointsMarker)))
        {
            return builder;
        }

        services.AddSingleton<MonitoringEndpointsMarker>();
        services.AddOptionsWithValidateOnStart<MonitoringEndpointsOptions, MonitoringEndpointsOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitoringEndpointsOptions>, MonitoringEndpointsOptionsCustomValidator>());
        services.AddHealthChecks()
            .AddCheck<LivenessHealthCheck>(MonitoringHealthChecks.LiveCheck, tags: [MonitoringHealthChecks.LiveTag])
            .AddCheck<ReadinessHealthCheck>(MonitoringHealthChecks.ReadyCheck, tags: [MonitoringHealthChecks.ReadyTag])
            .AddCheck<AgentsHealthCheck>(MonitoringHealthChecks.AgentsCheck, tags: [MonitoringHealthChecks.FleetTag])
            .AddCheck<AlertsHealthCheck>(MonitoringHealthChecks.AlertsCheck, tags: [MonitoringHealthChecks.FleetTag]);
        return builder;
    }

    /// <summary>Adds the monitoring endpoints and configures their options.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="MonitoringEndpointsOptions"/>; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddMonitoringEndpoints(this IMultiAgentMonitoringBuilder builder, Action<MonitoringEndpointsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddMonitoringEndpoints().Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the monitoring endpoints and binds their options to a configuration section.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="MonitoringEndpointsOptions"/> values; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddMonitoringEndpoints(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddMonitoringEndpoints().Services.Configure<MonitoringEndpointsOptions>(configuration);
        return builder;
    }
}
