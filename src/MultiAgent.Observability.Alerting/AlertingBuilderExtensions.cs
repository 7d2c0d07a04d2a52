using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Notifications;
using MultiAgent.Observability.Metrics;
using Polly;

namespace MultiAgent.Observability;

/// <summary>Adds alert rules to <see cref="IMultiAgentMonitoringBuilder"/>.</summary>
public static class AlertingBuilderExtensions
{
    /// <summary>
    /// Adds the rule engine over the metric pipeline (added too): <see cref="IAlertEngine"/>, evaluation on
    /// <see cref="TimeProvider"/> timers, agent health alerts, notifications to every registered <see cref="IAlertNotifier"/>
    /// and the log, Alertmanager delivery when <see cref="AlertmanagerOptions.Url"/> is set, and <see cref="IFleetHealthReporter"/>.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once: services are added once. Invalid options or rules fail at host start with every problem listed.</remarks>
    public static IMultiAgentMonitoringBuilder AddAlerting(this IMultiAgentMonitoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAgentMetrics();
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(AlertingService)))
        {
            return builder;
        }

        services.AddOptionsWithValidateOnStart<AlertingOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidator>());
        services.TryAddSingleton<AlertingCounters>();
        services.TryAddSingleton<IRuleSeriesSource>(static sp => new PipelineSeriesSource(
            sp.GetRequiredService<MetricPipeline>(), sp.GetRequiredService<IOptions<AgentMetricsOptions>>().Value.RecentValuesPerSeries));
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertingOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("MultiAgent.Observability.Alerting");
            var counters = sp.GetRequiredService<AlertingCounters>();
            var notifiers = sp.GetServices<IAlertNotifier>().ToList();
            if (options.Notifications.LogNotifications)
            {
                notifiers.Add(new LoggingNotifier(logger));
            }

            var alertmanager = options.Alertmanager.Url is null
                ? null
                : new AlertmanagerClient(sp.GetRequiredService<IHttpClientFactory>(), options.Alertmanager, options.ExternalUrl, counters, logger);
            return new NotificationDispatcher(notifiers, alertmanager, options.Notifications, sp.GetRequiredService<TimeProvider>(), counters, logger);
        });
        services.TryAddSingleton(static sp => new AlertEngine(
            sp.GetRequiredService<IRuleSeriesSource>(),
            sp.GetRequiredService<IOptions<AlertingOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("MultiAgent.Observability.Alerting"),
            sp.GetRequiredService<NotificationDispatcher>(),
            sp.GetRequiredService<AlertingCounters>()));
        services.TryAddSingleton<AlertingService>();
        services.TryAddSingleton<IAlertEngine>(static sp => sp.GetRequiredService<AlertingService>());
        services.TryAddSingleton<IFleetHealthReporter, FleetHealthReporter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AlertingLifetime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPrometheusRuleSource, Alerting.Export.AlertingPrometheusRuleSource>());
        services.AddHttpClient(AlertmanagerClient.HttpClientName)
            .AddResilienceHandler("alertmanager", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<AlertingOptions>>().Value.Alertmanager;
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                    });
                }

                pipeline.AddTimeout(options.Timeout);
            });
        return builder;
    }

    /// <summary>Adds the rule engine and configures its options (rules from code go to <see cref="AlertingOptions.Groups"/>).</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Configures <see cref="AlertingOptions"/>; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once; every <paramref name="configure"/> is applied in order.</remarks>
    public static IMultiAgentMonitoringBuilder AddAlerting(this IMultiAgentMonitoringBuilder builder, Action<AlertingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAlerting().Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the rule engine and binds its options (rule groups and rule file paths included) to a configuration section.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The section holding <see cref="AlertingOptions"/> values; invalid values fail at host start.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Safe to call more than once.</remarks>
    public static IMultiAgentMonitoringBuilder AddAlerting(this IMultiAgentMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddAlerting().Services.Configure<AlertingOptions>(configuration);
        return builder;
    }

    /// <summary>Retry on network errors, timeouts and 5xx only: a 4xx is the request's fault and would fail again.</summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };
}
