using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>Spans with bad usage or huge or too many names: counted and clamped or refused, never a crash, a wrapped sum or unbounded series.</summary>
public sealed class GenAISpanMetricsBadInputTests
{
    [Theory]
    [InlineData(-5L, "invalid")]
    [InlineData("twelve", "invalid")]
    [InlineData(12.5, "invalid")]
    [InlineData(ulong.MaxValue, "invalid")]
    [InlineData(1_000_000_000_000L, "too_large")]
    public void ModelCall_BadTokenCount_RefusedAndCountedCallStillCounted(object tokens, string reason)
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var usage = scope.Collect<long>(GenAIMetricNames.ClientTokenUsage);
        using var invalid = scope.Collect<long>(GenAIMetricNames.InvalidUsage);
        using var unpriced = scope.Collect<long>(GenAIMetricNames.UnpricedTokens);
        using var calls = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var source = new ActivitySource(sourceName);

        using (GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, "invoke_agent"), (GenAIAttributes.AgentName, "a")))
        {
            GenAIScope.Start(source, "chat", (GenAIAttributes.OperationName, "chat"), (GenAIAttributes.UsageInputTokens, tokens), (GenAIAttributes.UsageOutputTokens, 3L)).Dispose();
        }

        Assert.Empty(usage.GetMeasurementSnapshot());
        Assert.Empty(unpriced.GetMeasurementSnapshot());
        var refused = Assert.Single(invalid.GetMeasurementSnapshot());
        Assert.Equal((1L, reason), (refused.Value, GenAIScope.TagOf(refused, "reason")));
        Assert.Equal(1, Assert.Single(calls.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void ModelCall_LargestCountsAllowed_SumsSaturateNeverWrap()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName, new GenAIMetricsOptions { MaxTokensPerSpan = long.MaxValue, LatestExperimentalConventions = false });
        using var unpriced = scope.Collect<long>(GenAIMetricNames.UnpricedTokens);
        using var source = new ActivitySource(sourceName);

        GenAIScope.Start(source, "chat", (GenAIAttributes.OperationName, "chat"), (GenAIAttributes.UsageInputTokens, long.MaxValue), (GenAIAttributes.UsageOutputTokens, long.MaxValue)).Dispose();

        Assert.Equal(long.MaxValue, Assert.Single(unpriced.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void AgentName_10KB_RecordedAsOtherAndCounted()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var duration = scope.Collect<double>(GenAIMetricNames.InvokeAgentDuration);
        using var capped = scope.Collect<long>(GenAIMetricNames.ValuesCapped);
        using var source = new ActivitySource(sourceName);

        GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, "invoke_agent"), (GenAIAttributes.AgentName, new string('x', 10_240))).Dispose();

        Assert.Equal(GenAIMetricNames.OtherValue, GenAIScope.TagOf(Assert.Single(duration.GetMeasurementSnapshot()), GenAIAttributes.AgentName));
        var count = Assert.Single(capped.GetMeasurementSnapshot());
        Assert.Equal((GenAIAttributes.AgentName, "too_long"), (GenAIScope.TagOf(count, "attribute"), GenAIScope.TagOf(count, "reason")));
        Assert.Equal(0, scope.Caps.Agents.Count);
    }

    [Fact]
    public void AgentNames_PastTheCap_OtherCountedAndSeriesBounded()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName, new GenAIMetricsOptions { MaxAgentNames = 3, LatestExperimentalConventions = false });
        using var duration = scope.Collect<double>(GenAIMetricNames.InvokeAgentDuration);
        using var capped = scope.Collect<long>(GenAIMetricNames.ValuesCapped);
        using var source = new ActivitySource(sourceName);

        for (var i = 0; i < 50; i++)
        {
            GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, "invoke_agent"), (GenAIAttributes.AgentName, "agent-" + i)).Dispose();
        }

        var names = duration.GetMeasurementSnapshot().Select(m => GenAIScope.TagOf(m, GenAIAttributes.AgentName)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["_other", "agent-0", "agent-1", "agent-2"], names);
        Assert.Equal(47, capped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public void ConversationId_OnSpans_NeverATag()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var usage = scope.Collect<long>(GenAIMetricNames.ClientTokenUsage);
        using var duration = scope.Collect<double>(GenAIMetricNames.InvokeAgentDuration);
        using var source = new ActivitySource(sourceName);

        using (GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, "invoke_agent"), (GenAIAttributes.AgentName, "a"), (GenAIAttributes.ConversationId, "c-1")))
        {
            GenAIScope.Start(source, "chat", (GenAIAttributes.OperationName, "chat"), (GenAIAttributes.ConversationId, "c-1"), (GenAIAttributes.UsageInputTokens, 4L)).Dispose();
        }

        Assert.All(usage.GetMeasurementSnapshot(), m => Assert.False(m.Tags.ContainsKey(GenAIAttributes.ConversationId)));
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.False(m.Tags.ContainsKey(GenAIAttributes.ConversationId)));
        Assert.Equal("a", GenAIScope.TagOf(Assert.Single(usage.GetMeasurementSnapshot()), GenAIAttributes.AgentName));
    }

    [Fact]
    public void AgentSpanWithUsageAndNoModelCallsBelow_TokensCountedFromTheAgentSpan()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var usage = scope.Collect<long>(GenAIMetricNames.ClientTokenUsage);
        using var source = new ActivitySource(sourceName);

        GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, "invoke_agent"), (GenAIAttributes.AgentName, "a"), (GenAIAttributes.UsageInputTokens, 11L)).Dispose();

        var input = Assert.Single(usage.GetMeasurementSnapshot());
        Assert.Equal((11L, GenAIOperations.InvokeAgent), (input.Value, GenAIScope.TagOf(input, GenAIAttributes.OperationName)));
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 2)]
    public void LatestExperimentalConventions_AddsCacheAndReasoningTokenTypes(bool latest, int expectedMeasurements)
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName, new GenAIMetricsOptions { LatestExperimentalConventions = latest });
        using var usage = scope.Collect<long>(GenAIMetricNames.ClientTokenUsage);
        using var source = new ActivitySource(sourceName);

        GenAIScope.Start(
            source,
            "chat",
            (GenAIAttributes.OperationName, "chat"),
            (GenAIAttributes.UsageInputTokens, 10L),
            (GenAIAttributes.UsageOutputTokens, 5L),
            ("gen_ai.usage.cache_creation.input_tokens", 3L),
            ("gen_ai.usage.reasoning.output_tokens", 2L)).Dispose();

        Assert.Equal(expectedMeasurements, usage.GetMeasurementSnapshot().Count);
        Assert.Equal(latest, usage.GetMeasurementSnapshot().Any(m => GenAIScope.TagOf(m, GenAIMetricNames.TokenTypeAttribute) == GenAITokenTypes.CacheWrite));
    }

    [Theory]
    [InlineData("gen_ai_latest_experimental", true)]
    [InlineData("http, gen_ai_latest_experimental ", true)]
    [InlineData("http", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OptIn_Variable_Parsed(string? value, bool expected) =>
        Assert.Equal(expected, SemanticConventionsOptIn.IsGenAILatestExperimental(value));
}
