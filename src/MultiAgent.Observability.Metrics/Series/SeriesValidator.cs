namespace MultiAgent.Observability.Metrics;

/// <summary>
/// Checks a new series at the door, before anything is interned: every refusal is an <see cref="ArgumentException"/>
/// naming the metric, the agent or the label and what is wrong, so nothing reaches the exposition that it could
/// not write as one distinct, valid line.
/// </summary>
internal static class SeriesValidator
{
    public static void Validate(string agentId, string metricName, MetricKind kind, ReadOnlySpan<KeyValuePair<string, string>> labels, AgentMetricsOptions options)
    {
        if (AgentId.Validate(agentId) is { } agentError)
        {
            throw new ArgumentException(agentError, nameof(agentId));
        }

        if (PrometheusNaming.ValidateMetricName(metricName) is { } nameError)
        {
            throw new ArgumentException(nameError, nameof(metricName));
        }

        if (labels.Length > options.MaxLabelsPerSeries)
        {
            throw new ArgumentException(
                $"Metric '{metricName}' of agent '{agentId}' has {labels.Length} labels; at most {options.MaxLabelsPerSeries} are allowed (AgentMetricsOptions.MaxLabelsPerSeries).",
                nameof(labels));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            ValidateLabel(metricName, kind, labels, i, options);
        }
    }

    /// <summary>Returns the index of the first unpaired surrogate in <paramref name="value"/>, or -1 when it is valid UTF-16.</summary>
    public static int IndexOfUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void ValidateLabel(string metricName, MetricKind kind, ReadOnlySpan<KeyValuePair<string, string>> labels, int i, AgentMetricsOptions options)
    {
        var (name, value) = labels[i];
        if (PrometheusNaming.ValidateLabelName(name) is { } labelError)
        {
            throw new ArgumentException($"Metric '{metricName}' label {i}: {labelError}", nameof(labels));
        }

        if ((name == "le" && kind == MetricKind.Histogram) || (name == "quantile" && kind == MetricKind.Summary))
        {
            throw new ArgumentException($"Metric '{metricName}' label {i}: '{name}' is reserved for the {kind}'s own {(kind == MetricKind.Histogram ? "buckets" : "quantiles")}.", nameof(labels));
        }

        if (name == MonitoringLabels.AgentId)
        {
            throw new ArgumentException($"Metric '{metricName}' label {i}: '{MonitoringLabels.AgentId}' is set by the pipeline from the agent id; do not pass it.", nameof(labels));
        }

        if (value is null)
        {
            throw new ArgumentException($"Metric '{metricName}' label '{name}' (at {i}) has a null value; pass an empty string for an empty value.", nameof(labels));
        }

        if (value.Length > options.MaxLabelValueLength)
        {
            throw new ArgumentException(
                $"Metric '{metricName}' label '{name}' value is {value.Length} characters; at most {options.MaxLabelValueLength} are allowed (AgentMetricsOptions.MaxLabelValueLength).",
                nameof(labels));
        }

        if (IndexOfUnpairedSurrogate(value) is >= 0 and var bad)
        {
            throw new ArgumentException(
                $"Metric '{metricName}' label '{name}' value has an unpaired surrogate at index {bad}; label values must be valid UTF-16, or two values would be exposed as the same series.",
                nameof(labels));
        }

        for (var j = 0; j < i; j++)
        {
            if (labels[j].Key == name)
            {
                throw new ArgumentException($"Metric '{metricName}' label '{name}' is given twice (at {j} and {i}).", nameof(labels));
            }
        }
    }
}
