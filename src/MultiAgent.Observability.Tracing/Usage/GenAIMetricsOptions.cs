using System.ComponentModel.DataAnnotations;

namespace MultiAgent.Observability.Tracing;

/// <summary>Options of the GenAI metrics derived from completed spans (<c>AddGenAIMetrics()</c>). Invalid values fail at host start.</summary>
public sealed class GenAIMetricsOptions
{
    /// <summary>
    /// Gets or sets the largest number of distinct <c>gen_ai.agent.name</c> values recorded; later new names are recorded
    /// as <c>_other</c> and counted in <c>multiagent.gen_ai.values_capped</c>.
    /// </summary>
    /// <value>The default value is 100.</value>
    [Range(1, 100_000)]
    public int MaxAgentNames { get; set; } = 100;

    /// <summary>
    /// Gets or sets the largest number of distinct values recorded for each other attribute (provider, request and
    /// response model, tool name and type, error type); later new values become <c>_other</c> and are counted.
    /// </summary>
    /// <value>The default value is 200.</value>
    [Range(1, 100_000)]
    public int MaxAttributeValues { get; set; } = 200;

    /// <summary>Gets or sets the longest attribute value recorded, in UTF-16 characters; a longer one becomes <c>_other</c> and is counted.</summary>
    /// <value>The default value is 256.</value>
    [Range(8, 65_536)]
    public int MaxValueLength { get; set; } = 256;

    /// <summary>
    /// Gets or sets the largest token count one span may report per type; a span reporting more (or a negative or
    /// unreadable count) has its usage refused: it is counted in <c>multiagent.gen_ai.invalid_usage</c>, and neither its
    /// tokens nor its cost are recorded.
    /// </summary>
    /// <value>The default value is 100,000,000.</value>
    [Range(1, long.MaxValue)]
    public long MaxTokensPerSpan { get; set; } = 100_000_000;

    /// <summary>
    /// Gets or sets the largest number of agent invocations tracked at once while their calls are counted (an entry lives
    /// from its first child's end to its own end); past it further invocations record no call counts and are counted.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxOpenAgentInvocations { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how long after a trace's local root span ended, with no further span of the trace arriving, the trace
    /// counts as completed and its critical path is recorded per agent.
    /// </summary>
    /// <value>The default value is 5 seconds. At least 10 milliseconds.</value>
    public TimeSpan TraceQuietPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets the largest number of traces waiting for their quiet period; past it the oldest is skipped (its
    /// critical path not recorded) and counted in <c>multiagent.agent.critical_path.traces_skipped</c>.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxPendingTraces { get; set; } = 10_000;

    /// <summary>Gets or sets a value indicating whether the package's <see cref="GenAIPriceTable.Default"/> prices are used (under <see cref="PriceFile"/> and <see cref="Prices"/>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseDefaultPrices { get; set; } = true;

    /// <summary>Gets or sets a price file (see <see cref="GenAIPriceTable.Load"/>) whose prices replace or extend the defaults; an invalid file fails at host start.</summary>
    /// <value>The default value is <see langword="null"/> (none).</value>
    public string? PriceFile { get; set; }

    /// <summary>Gets the prices that replace or extend those of the defaults and <see cref="PriceFile"/> (the last word).</summary>
    /// <value>The default value is an empty list.</value>
    public IList<ModelPrice> Prices { get; } = [];

    /// <summary>
    /// Gets or sets whether the latest experimental GenAI conventions are emitted: cache-read, cache-write and reasoning
    /// tokens as further <c>gen_ai.token.type</c> values of <c>gen_ai.client.token.usage</c>. <see langword="null"/> reads
    /// the <c>OTEL_SEMCONV_STABILITY_OPT_IN</c> environment variable (on when it lists <c>gen_ai_latest_experimental</c>).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (from the environment).</value>
    public bool? LatestExperimentalConventions { get; set; }
}
