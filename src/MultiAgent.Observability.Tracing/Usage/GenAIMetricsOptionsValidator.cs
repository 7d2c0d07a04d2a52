using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tracing;

/// <summary>Per-field rules, source-generated from the attributes on <see cref="GenAIMetricsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class GenAIMetricsOptionsValidator : IValidateOptions<GenAIMetricsOptions>;

/// <summary>Rules that need code, all reported at once: the quiet period, every price, the price file.</summary>
internal sealed class GenAIMetricsOptionsCustomValidator : IValidateOptions<GenAIMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, GenAIMetricsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.TraceQuietPeriod < TimeSpan.FromMilliseconds(10))
        {
            builder.AddError($"must be at least 10 milliseconds, not {options.TraceQuietPeriod}", nameof(GenAIMetricsOptions.TraceQuietPeriod));
        }

        for (var i = 0; i < options.Prices.Count; i++)
        {
            if (GenAIPriceTable.Validate(options.Prices[i]) is { } problem)
            {
                builder.AddError(problem, $"{nameof(GenAIMetricsOptions.Prices)}[{i}]");
            }
        }

        if (options.PriceFile is { } file)
        {
            try
            {
                GenAIPriceTable.Load(file);
            }
            catch (PriceFileException exception)
            {
                builder.AddError(exception.Message, nameof(GenAIMetricsOptions.PriceFile));
            }
        }

        return builder.Build();
    }
}
