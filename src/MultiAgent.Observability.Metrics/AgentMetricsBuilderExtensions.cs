using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability;

/// <summary>Adds the metric pipeline to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class AgentMetricsBuilderExtensions
{
    /// <summary>Adds the metric pipeline: <see cref="IMetricRecorder"/>, <see cref="IMetricSnapshotRecorder"/> and <see cref="IMetricReader"/>, drained on host stop.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once: services are added once.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentMetrics(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<AgentMetricsOptions, AgentMetricsOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentMetricsOptions>, AgentMetricsOptionsCustomValidator>());
        services.TryAddSingleton<MetricPipeline>();
        services.TryAddSingleton<IMetricRecorder>(static sp => sp.GetRequiredService<MetricPipeline>());
        services.TryAddSingleton<IMetricSnapshotRecorder>(static sp => sp.GetRequiredService<MetricPipeline>());
        services.TryAddSingleton<IMetricReader>(static sp => sp.GetRequiredService<MetricPipeline>());
        services.TryAddSingleton<PipelineTelemetry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MetricPipelineLifetime>());
        return builder;
    }

    /// <summary>Adds the metric pipeline and configures its options.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="AgentMetricsOptions"/>; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentMetrics(this IMultiAgentMonitoringBuilder builder, Action<AgentMetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAgentMetrics().Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the metric pipeline and binds its options to a configuration section.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="AgentMetricsOptions"/> values; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddAgentMetrics(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddAgentMetrics().Services.Configure<AgentMetricsOptions>(configuration);
        return builder;
    }
}
