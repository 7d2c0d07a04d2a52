using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Collection;

namespace MultiAgent.Observability;

/// <summary>Adds agent collection to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class AgentCollectionBuilderExtensions
{
    /// <summary>
    /// Adds agent collection (and the metric pipeline it records into): every registered agent with a metrics or health
    /// endpoint is scraped and probed on its interval, host and container metrics are read, the <c>System.Runtime</c>
    /// meter is bridged, and <see cref="IFleetOverview"/> reports the fleet.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once: services are added once. The HTTP client is named <c>MultiAgent.Observability.Collection</c>; configure it further with <c>AddHttpClient</c>.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentCollection(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAgentMetrics();
        builder.AddMeterBridge(static bridge =>
        {
            if (!bridge.Meters.Contains(HostMetricNames.RuntimeMeter))
            {
                bridge.Meters.Add(HostMetricNames.RuntimeMeter);
            }
        });
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(AgentCollector)))
        {
            return builder;
        }

        services.AddOptionsWithValidateOnStart<AgentCollectionOptions, AgentCollectionOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentCollectionOptions>, AgentCollectionOptionsCustomValidator>());
        services.AddHttpClient(TargetScraper.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                // Redirects are followed by the scraper, which checks every hop against the URL policy.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.TryAddSingleton<CollectionTelemetry>();
        services.TryAddSingleton<AgentCollector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AgentCollector>(static sp => sp.GetRequiredService<AgentCollector>()));
        services.TryAddSingleton<IFleetOverview, FleetOverviewProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HostMetricsService>());
        return builder;
    }

    /// <summary>Adds agent collection and configures its options.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="AgentCollectionOptions"/>; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentCollection(this IMultiAgentMonitoringBuilder builder, Action<AgentCollectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAgentCollection().Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds agent collection and binds its options to a configuration section.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="AgentCollectionOptions"/> values; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentCollection(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddAgentCollection().Services.Configure<AgentCollectionOptions>(configuration);
        return builder;
    }
}
