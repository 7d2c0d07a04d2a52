using Microsoft.Extensions.Options;
using MultiAgent.Observability.Naming;

namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>Per-field rules, source-generated from the attributes on <see cref="MeterBridgeOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class MeterBridgeOptionsValidator : IValidateOptions<MeterBridgeOptions>;

/// <summary>Rules on the meter list, the agent id and the interval, all reported at once.</summary>
internal sealed class MeterBridgeOptionsCustomValidator : IValidateOptions<MeterBridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, MeterBridgeOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Meters.Count == 0)
        {
            builder.AddError("must list at least one meter name or prefix (for example \"System.Runtime\" or \"MyCompany.*\")", nameof(MeterBridgeOptions.Meters));
        }

        for (var i = 0; i < options.Meters.Count; i++)
        {
            if (NamePatternMatcher.Validate(options.Meters[i]) is { } patternError)
            {
                builder.AddError($"entry {i} {patternError}", nameof(MeterBridgeOptions.Meters));
            }
        }

        if (options.DefaultAgentId is not null && AgentId.Validate(options.DefaultAgentId) is { } agentError)
        {
            builder.AddError(agentError, nameof(MeterBridgeOptions.DefaultAgentId));
        }

        if (options.ObservableInterval < TimeSpan.FromMilliseconds(100))
        {
            builder.AddError($"must be at least 100 milliseconds, not {options.ObservableInterval}", nameof(MeterBridgeOptions.ObservableInterval));
        }

        return builder.Build();
    }
}
