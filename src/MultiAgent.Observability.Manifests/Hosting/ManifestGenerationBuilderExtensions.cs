using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability;

/// <summary>Adds manifest generation to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class ManifestGenerationBuilderExtensions
{
    /// <summary>
    /// Adds the manifest generator: <see cref="ManifestGenerator"/>, whose rule file and <c>PrometheusRule</c> include the
    /// rules of every registered <see cref="IPrometheusRuleSource"/> (those of <c>AddAlerting()</c>), and
    /// <see cref="HostManifests"/>, the bundle of the system description named by <see cref="ManifestGenerationOptions.DescriptionFile"/>.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once: services are added once. Invalid options, or an invalid description file, fail at host start with every problem listed.</remarks>
    public static IMultiAgentMonitoringBuilder AddManifestGeneration(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(HostManifests)))
        {
            return builder;
        }

        services.AddOptionsWithValidateOnStart<ManifestGenerationOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ManifestGenerationOptions>, ManifestGenerationOptionsValidator>());
        services.TryAddSingleton(static sp => new ManifestGenerator(
            sp.GetRequiredService<IOptions<ManifestGenerationOptions>>().Value.IncludeHostRules ? sp.GetServices<IPrometheusRuleSource>() : [],
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ManifestGenerator>()));
        services.TryAddSingleton(static sp => new HostManifests(
            sp.GetRequiredService<ManifestGenerator>(),
            sp.GetRequiredService<IOptions<ManifestGenerationOptions>>(),
            sp.GetRequiredService<ILogger<HostManifests>>()));
        return builder;
    }

    /// <summary>Adds the manifest generator and configures its options.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="ManifestGenerationOptions"/>; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddManifestGeneration(this IMultiAgentMonitoringBuilder builder, Action<ManifestGenerationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddManifestGeneration().Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the manifest generator and binds its options to a configuration section.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="ManifestGenerationOptions"/> values; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddManifestGeneration(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddManifestGeneration().Services.Configure<ManifestGenerationOptions>(configuration);
        return builder;
    }
}
