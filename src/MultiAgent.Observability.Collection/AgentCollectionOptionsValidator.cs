using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Collection;

/// <summary>Per-field rules, source-generated from the attributes on <see cref="AgentCollectionOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AgentCollectionOptionsValidator : IValidateOptions<AgentCollectionOptions>;

/// <summary>Rules on durations, lists and across fields, all reported at once.</summary>
internal sealed class AgentCollectionOptionsCustomValidator : IValidateOptions<AgentCollectionOptions>
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    public ValidateOptionsResult Validate(string? name, AgentCollectionOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Interval < MinimumInterval)
        {
            builder.AddError($"must be at least 100 milliseconds, not {options.Interval}", nameof(AgentCollectionOptions.Interval));
        }

        foreach (var (agent, interval) in options.AgentIntervals)
        {
            if (interval < MinimumInterval)
            {
                builder.AddError($"the interval of '{agent}' must be at least 100 milliseconds, not {interval}", nameof(AgentCollectionOptions.AgentIntervals));
            }
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            builder.AddError($"must be more than zero, not {options.RequestTimeout}", nameof(AgentCollectionOptions.RequestTimeout));
        }

        if (options.RetireStaleSeriesAfter < TimeSpan.Zero)
        {
            builder.AddError($"must not be negative, not {options.RetireStaleSeriesAfter}", nameof(AgentCollectionOptions.RetireStaleSeriesAfter));
        }

        if (options.HostMetricsInterval < MinimumInterval)
        {
            builder.AddError($"must be at least 100 milliseconds, not {options.HostMetricsInterval}", nameof(AgentCollectionOptions.HostMetricsInterval));
        }

        if (options.AllowedSchemes.Count == 0)
        {
            builder.AddError("must list at least one scheme (http, https)", nameof(AgentCollectionOptions.AllowedSchemes));
        }

        foreach (var scheme in options.AllowedSchemes)
        {
            if (!string.Equals(scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !string.Equals(scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                builder.AddError($"'{scheme}' is not supported; only http and https are", nameof(AgentCollectionOptions.AllowedSchemes));
            }
        }

        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.AllowedHosts[i]))
            {
                builder.AddError($"entry {i} is empty", nameof(AgentCollectionOptions.AllowedHosts));
            }
        }

        if (AgentId.Validate(options.HostAgentId) is { } error)
        {
            builder.AddError(error, nameof(AgentCollectionOptions.HostAgentId));
        }

        return builder.Build();
    }
}
