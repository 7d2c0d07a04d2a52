using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Alerting;

/// <summary>Checks <see cref="AlertingOptions"/> at host start and reports every invalid value at once. Rules are checked when they load.</summary>
internal sealed class AlertingOptionsValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var errors = new List<string>();
        void Positive(TimeSpan value, string field)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"AlertingOptions.{field} must be positive (is {value}).");
            }
        }

        void AtLeast(long value, long minimum, string field)
        {
            if (value < minimum)
            {
                errors.Add($"AlertingOptions.{field} must be at least {minimum} (is {value}).");
            }
        }

        Positive(options.EvaluationInterval, nameof(options.EvaluationInterval));
        Positive(options.LookbackDelta, nameof(options.LookbackDelta));
        Positive(options.ResendDelay, nameof(options.ResendDelay));
        if (options.ResolvedRetention < TimeSpan.Zero)
        {
            errors.Add("AlertingOptions.ResolvedRetention cannot be negative.");
        }

        if (options.ExternalUrl is { IsAbsoluteUri: false })
        {
            errors.Add("AlertingOptions.ExternalUrl must be an absolute URL.");
        }

        var n = options.Notifications;
        if (n.GroupWait < TimeSpan.Zero)
        {
            errors.Add("AlertingOptions.Notifications.GroupWait cannot be negative.");
        }

        Positive(n.GroupInterval, "Notifications.GroupInterval");
        Positive(n.RepeatInterval, "Notifications.RepeatInterval");
        Positive(n.NotifierTimeout, "Notifications.NotifierTimeout");
        AtLeast(n.QueueCapacity, 1, "Notifications.QueueCapacity");
        foreach (var label in n.GroupBy)
        {
            if (PrometheusNaming.ValidateLabelName(label) is { } error)
            {
                errors.Add($"AlertingOptions.Notifications.GroupBy: {error}");
            }
        }

        var am = options.Alertmanager;
        if (am.Url is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors.Add($"AlertingOptions.Alertmanager.Url must be an absolute http or https URL (is '{url}').");
        }

        AtLeast(am.BatchSize, 1, "Alertmanager.BatchSize");
        AtLeast(am.QueueCapacity, 1, "Alertmanager.QueueCapacity");
        AtLeast(am.MaxRetries, 0, "Alertmanager.MaxRetries");
        Positive(am.Timeout, "Alertmanager.Timeout");
        if (am.RetryDelay < TimeSpan.Zero)
        {
            errors.Add("AlertingOptions.Alertmanager.RetryDelay cannot be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
