using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability;

/// <summary>Extension methods that add the GenAI metrics derived from agent spans to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class GenAIMetricsBuilderExtensions
{
    /// <summary>
    /// Adds the GenAI metrics: the <see cref="GenAIMetricNames.MeterName"/> meter, filled from every span the trace
    /// collector sees stop (token usage, durations, calls per agent invocation, estimated cost, critical path per agent).
    /// Adds agent tracing too (<c>AddAgentTracing()</c>), which collects the spans.
    /// </summary>
    /// <param name="builder">The monitoring builder, from <c>AddMultiAgentMonitoring()</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Safe to call more than once: services are added once. Invalid <see cref="GenAIMetricsOptions"/> (and an invalid
    /// <see cref="GenAIMetricsOptions.PriceFile"/>) fail at host start. Bring the meter into the metrics pipeline with
    /// <c>AddMeterBridge(o =&gt; o.Meters.Add(GenAIMetricNames.MeterName))</c>.
    /// </remarks>
    public static IMultiAgentMonitoringBuilder AddGenAIMetrics(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAgentTracing();
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<GenAIMetricsOptions, GenAIMetricsOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GenAIMetricsOptions>, GenAIMetricsOptionsCustomValidator>());
        services.TryAddSingleton<GenAIInstruments>();
        services.TryAddSingleton<GenAIAttributeCaps>();
        services.TryAddSingleton(static sp => PriceTableOf(sp.GetRequiredService<IOptions<GenAIMetricsOptions>>().Value));
        services.TryAddSingleton<CompletedTraces>();
        services.TryAddSingleton<GenAISpanMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISpanStoppedObserver, GenAISpanMetrics>(static sp => sp.GetRequiredService<GenAISpanMetrics>()));
        return builder;
    }

    /// <summary>Adds the GenAI metrics and configures their options.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="GenAIMetricsOptions"/>; invalid values fail at host start.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> given is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddGenAIMetrics(this IMultiAgentMonitoringBuilder builder, Action<GenAIMetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddGenAIMetrics();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the GenAI metrics and binds their options to a configuration section (prices included: <c>Prices:0:Model</c>…).</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="GenAIMetricsOptions"/> values; invalid values fail at host start.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddGenAIMetrics(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddGenAIMetrics();
        builder.Services.Configure<GenAIMetricsOptions>(configuration);
        return builder;
    }

    /// <summary>The defaults (unless turned off), under the price file, under the prices in options.</summary>
    internal static GenAIPriceTable PriceTableOf(GenAIMetricsOptions options)
    {
        var table = options.UseDefaultPrices ? GenAIPriceTable.Default : GenAIPriceTable.Empty;
        if (options.PriceFile is { } file)
        {
            table = table.With(GenAIPriceTable.Load(file));
        }

        return options.Prices.Count == 0 ? table : table.With(GenAIPriceTable.Create(options.Prices));
    }
}
