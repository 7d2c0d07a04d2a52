using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability;

/// <summary>Extension methods that add MultiAgent.Observability to an <see cref="IServiceCollection"/>.</summary>
public static class MultiAgentMonitoringServiceCollectionExtensions
{
    /// <summary>Adds the monitoring core: options, the agent registry, <see cref="TimeProvider"/> and <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add the other packages to.</returns>
    /// <remarks>Safe to call more than once: services are added once, and every call returns a builder over the same collection.</remarks>
    public static IMultiAgentMonitoringBuilder AddMultiAgentMonitoring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        return new MultiAgentMonitoringBuilder(services);
    }

    /// <summary>Adds the monitoring core and configures its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="MultiAgentMonitoringOptions"/>; invalid values fail at host start.</param>
    /// <returns>A builder to add the other packages to.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> given is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddMultiAgentMonitoring(this IServiceCollection services, Action<MultiAgentMonitoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddMultiAgentMonitoring();
        services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the monitoring core and binds its options to a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="MultiAgentMonitoringOptions"/> values; invalid values fail at host start.</param>
    /// <returns>A builder to add the other packages to.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddMultiAgentMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddMultiAgentMonitoring();
        services.Configure<MultiAgentMonitoringOptions>(configuration);
        return builder;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptionsWithValidateOnStart<MultiAgentMonitoringOptions, MultiAgentMonitoringOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MultiAgentMonitoringOptions>, MultiAgentMonitoringOptionsCustomValidator>());
        services.TryAddSingleton<AgentRegistry>();
        services.TryAddSingleton<IAgentRegistry>(static sp => sp.GetRequiredService<AgentRegistry>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AgentStalenessService>());
    }
}
