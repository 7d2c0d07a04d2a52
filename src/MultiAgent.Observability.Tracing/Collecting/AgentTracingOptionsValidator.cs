using Microsoft.Extensions.Options;
using MultiAgent.Observability.Naming;

namespace MultiAgent.Observability.Tracing;

/// <summary>Per-field rules, source-generated from the attributes on <see cref="AgentTracingOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AgentTracingOptionsValidator : IValidateOptions<AgentTracingOptions>;

/// <summary>Rules that span several fields or need code, all reported at once.</summary>
internal sealed class AgentTracingOptionsCustomValidator : IValidateOptions<AgentTracingOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentTracingOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.MaxTraceAge < TimeSpan.FromSeconds(1))
        {
            builder.AddError($"must be at least 1 second, not {options.MaxTraceAge}", nameof(AgentTracingOptions.MaxTraceAge));
        }

        if (options.MaxSpans < options.MaxSpansPerTrace)
        {
            builder.AddError(
                $"must be at least MaxSpansPerTrace ({options.MaxSpansPerTrace}), not {options.MaxSpans}",
                nameof(AgentTracingOptions.MaxSpans));
        }

        // The store never evicts the trace it adds to, so one full trace of the largest spans must fit the byte budget.
        var fullTrace = (long)options.MaxSpansPerTrace * new SpanLimits(options).MaxSpanBytes(SpanSlab.SpanSlotBytes);
        if (options.MaxStoreBytes < fullTrace)
        {
            builder.AddError(
                $"must be at least MaxSpansPerTrace ({options.MaxSpansPerTrace}) spans of the largest size the attribute limits allow ({fullTrace} bytes), not {options.MaxStoreBytes}",
                nameof(AgentTracingOptions.MaxStoreBytes));
        }

        if (double.IsNaN(options.SamplingRatio))
        {
            builder.AddError("must be a number from 0 to 1, not NaN", nameof(AgentTracingOptions.SamplingRatio));
        }

        for (var i = 0; i < options.Sources.Count; i++)
        {
            if (NamePatternMatcher.Validate(options.Sources[i]) is { } problem)
            {
                builder.AddError(problem, $"{nameof(AgentTracingOptions.Sources)}[{i}]");
            }
        }

        if (!options.IncludeDefaultSources && options.Sources.Count == 0)
        {
            builder.AddError("is empty and IncludeDefaultSources is false, so no span would be collected", nameof(AgentTracingOptions.Sources));
        }

        return builder.Build();
    }
}
