using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.AspNetCore;

/// <summary>Per-field rules, source-generated from the attributes on <see cref="MonitoringEndpointsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class MonitoringEndpointsOptionsValidator : IValidateOptions<MonitoringEndpointsOptions>;

/// <summary>Rules on durations, all reported at once.</summary>
internal sealed class MonitoringEndpointsOptionsCustomValidator : IValidateOptions<MonitoringEndpointsOptions>
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, MonitoringEndpointsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Window <= TimeSpan.Zero || options.Window > MaxWindow)
        {
            builder.AddError($"must be more than zero and at most one day, not {options.Window}", nameof(MonitoringEndpointsOptions.Window));
        }

        if (options.DashboardRefresh < TimeSpan.Zero)
        {
            builder.AddError($"must not be negative, not {options.DashboardRefresh}", nameof(MonitoringEndpointsOptions.DashboardRefresh));
        }

        for (var i = 0; i < options.SparklineMetrics.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.SparklineMetrics[i]))
            {
                builder.AddError($"entry {i} is empty", nameof(MonitoringEndpointsOptions.SparklineMetrics));
            }
        }

        return builder.Build();
    }
}
