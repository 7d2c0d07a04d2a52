using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability;

/// <summary>Extension methods that add agent tracing to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class AgentTracingBuilderExtensions
{
    /// <summary>
    /// Adds agent tracing: the bounded <see cref="ITraceStore"/>, the collector (an <see cref="System.Diagnostics.ActivityListener"/>
    /// started and stopped with the host) and the <see cref="DistributedTracing"/> convenience facade.
    /// </summary>
    /// <param name="builder">The monitoring builder, from <c>AddMultiAgentMonitoring()</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Adds only the tracing services: the <see cref="TimeProvider"/> and <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
    /// they use are the ones <c>AddMultiAgentMonitoring()</c> registered. Safe to call more than once: services are added
    /// once. Invalid <see cref="AgentTracingOptions"/> fail at host start.
    /// </remarks>
    public static IMultiAgentMonitoringBuilder AddAgentTracing(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddServices(builder.Services);
        return builder;
    }

    /// <summary>Adds agent tracing and configures its options.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="AgentTracingOptions"/>; invalid values fail at host start.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> given is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentTracing(this IMultiAgentMonitoringBuilder builder, Action<AgentTracingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAgentTracing();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds agent tracing and binds its options to a configuration section.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="AgentTracingOptions"/> values; invalid values fail at host start.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentTracing(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddAgentTracing();
        builder.Services.Configure<AgentTracingOptions>(configuration);
        return builder;
    }

    private static void AddServices(IServiceCollection services)
    {
        // TimeProvider and IMeterFactory come from AddMultiAgentMonitoring, which made the builder: not registered again here.
        services.AddOptionsWithValidateOnStart<AgentTracingOptions, AgentTracingOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentTracingOptions>, AgentTracingOptionsCustomValidator>());
        services.TryAddSingleton<TracingMetrics>();
        services.TryAddSingleton<TraceStore>();
        services.TryAddSingleton<ITraceStore>(static sp => sp.GetRequiredService<TraceStore>());
        services.TryAddSingleton<TraceCollector>();
        services.TryAddSingleton(static sp => new DistributedTracing(sp.GetRequiredService<ITraceStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TraceCollectorService>());
    }
}
