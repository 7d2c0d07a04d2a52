using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics.Bridge;

namespace MultiAgent.Observability;

/// <summary>Adds the <see cref="System.Diagnostics.Metrics.MeterListener"/> bridge to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class MeterBridgeBuilderExtensions
{
    /// <summary>
    /// Adds the meter bridge (and the metric pipeline it records into): measurements of the meters listed in
    /// <see cref="MeterBridgeOptions.Meters"/> are recorded as pipeline metrics while the host runs, and
    /// <see cref="IMeterBridge"/> is available for statistics and on-demand polls. The meters are configured elsewhere
    /// (another overload, <c>Configure&lt;MeterBridgeOptions&gt;</c>); with none listed, host start fails.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once: services are added once.</remarks>
    public static IMultiAgentMonitoringBuilder AddMeterBridge(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.AddAgentMetrics().Services;
        services.AddOptionsWithValidateOnStart<MeterBridgeOptions, MeterBridgeOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MeterBridgeOptions>, MeterBridgeOptionsCustomValidator>());
        services.TryAddSingleton<MeterBridge>();
        services.TryAddSingleton<IMeterBridge>(static sp => sp.GetRequiredService<MeterBridge>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MeterBridgeService>());
        return builder;
    }

    /// <summary>Adds the meter bridge and configures its options.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="MeterBridgeOptions"/>; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once: services are added once and every <paramref name="configure"/> is applied in order (meter lists add up).</remarks>
    public static IMultiAgentMonitoringBuilder AddMeterBridge(this IMultiAgentMonitoringBuilder builder, Action<MeterBridgeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddMeterBridge().Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the meter bridge and binds its options to a configuration section.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="MeterBridgeOptions"/> values (<c>Meters</c>, <c>DefaultAgentId</c>, <c>ObservableInterval</c>); invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once: services are added once and every section is bound in order (meter lists add up).</remarks>
    public static IMultiAgentMonitoringBuilder AddMeterBridge(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddMeterBridge().Services.Configure<MeterBridgeOptions>(configuration);
        return builder;
    }
}
