using Microsoft.Extensions.Options;

namespace MultiAgent.Observability;

/// <summary>Per-field rules, source-generated from the attributes on <see cref="MultiAgentMonitoringOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class MultiAgentMonitoringOptionsValidator : IValidateOptions<MultiAgentMonitoringOptions>;

/// <summary>Rules that span several fields, all reported at once.</summary>
internal sealed class MultiAgentMonitoringOptionsCustomValidator : IValidateOptions<MultiAgentMonitoringOptions>
{
    // Longer values overflow the clock arithmetic (now - StaleAfter) and stop the staleness loop, and with it the host.
    internal static readonly TimeSpan MaxStaleAfter = TimeSpan.FromDays(365);

    // The longest delay Task.Delay accepts; a longer interval throws in the staleness loop and stops the host.
    internal static readonly TimeSpan MaxStalenessCheckInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public ValidateOptionsResult Validate(string? name, MultiAgentMonitoringOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.StaleAfter < TimeSpan.FromSeconds(1))
        {
            builder.AddError($"must be at least 1 second, not {options.StaleAfter}", nameof(MultiAgentMonitoringOptions.StaleAfter));
        }
        else if (options.StaleAfter > MaxStaleAfter)
        {
            builder.AddError($"must be at most 365 days, not {options.StaleAfter}", nameof(MultiAgentMonitoringOptions.StaleAfter));
        }

        if (options.StalenessCheckInterval < TimeSpan.FromMilliseconds(10))
        {
            builder.AddError($"must be at least 10 milliseconds, not {options.StalenessCheckInterval}", nameof(MultiAgentMonitoringOptions.StalenessCheckInterval));
        }
        else if (options.StalenessCheckInterval > MaxStalenessCheckInterval)
        {
            builder.AddError(
                $"must be at most {MaxStalenessCheckInterval} (the longest timer .NET supports), not {options.StalenessCheckInterval}",
                nameof(MultiAgentMonitoringOptions.StalenessCheckInterval));
        }

        if (options.StalenessCheckInterval > options.StaleAfter)
        {
            builder.AddError(
                $"must not be longer than StaleAfter ({options.StaleAfter}), or staleness is detected late",
                nameof(MultiAgentMonitoringOptions.StalenessCheckInterval));
        }

        return builder.Build();
    }
}
