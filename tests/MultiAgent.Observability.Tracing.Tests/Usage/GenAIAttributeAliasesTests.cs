using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>One row per mapping of the normalisation table: the analysis and the metrics read the old spelling as the current one.</summary>
public sealed class GenAIAttributeAliasesTests
{
    public static TheoryData<string, string> Mappings => new()
    {
        { "gen_ai.system", GenAIAttributes.ProviderName },
        { "llm.provider", GenAIAttributes.ProviderName },
        { "llm.system", GenAIAttributes.ProviderName },
        { "llm.model_name", GenAIAttributes.RequestModel },
        { "tool.name", GenAIAttributes.ToolName },
        { "gen_ai.usage.prompt_tokens", GenAIAttributes.UsageInputTokens },
        { "llm.token_count.prompt", GenAIAttributes.UsageInputTokens },
        { "gen_ai.usage.completion_tokens", GenAIAttributes.UsageOutputTokens },
        { "llm.token_count.completion", GenAIAttributes.UsageOutputTokens },
        { "llm.token_count.prompt_details.cache_read", GenAIAttributes.UsageCacheReadInputTokens },
        { "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_write.input_tokens" },
        { "llm.token_count.prompt_details.cache_write", "gen_ai.usage.cache_write.input_tokens" },
        { "llm.token_count.completion_details.reasoning", "gen_ai.usage.reasoning.output_tokens" },
        { "llm.token_count.total", "gen_ai.usage.total_tokens" },
    };

    [Fact]
    public void Table_EveryAlias_HasATestRow()
    {
        var rows = Mappings.Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);
        var aliases = GenAIAttributeAliases.Table.Where(e => e.Key != e.Current).Select(e => e.Key);

        Assert.Equal(aliases.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FieldOf_EveryTableKey_SameFieldWhetherInternedOrACopy()
    {
        foreach (var (key, current, field) in GenAIAttributeAliases.Table)
        {
            // A copy is a different instance: found by its text, not its reference.
            var copy = new string(key.AsSpan());
            Assert.Equal((field, key == current), (GenAIAttributeAliases.FieldOf(key, out var isCurrent), isCurrent));
            Assert.Equal((field, key == current), (GenAIAttributeAliases.FieldOf(copy, out var copyIsCurrent), copyIsCurrent));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("gen_ai.request.modeX")]
    [InlineData("gen_ai.usage.input_tokens.extra.and.much.longer.than.any.key.in.the.table")]
    [InlineData("http.request.method")]
    public void FieldOf_UnknownKey_None(string key)
    {
        Assert.Equal((GenAIField.None, false), (GenAIAttributeAliases.FieldOf(key, out var isCurrent), isCurrent));
    }

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Normalize_Alias_GivesCurrentName(string alias, string current)
    {
        Assert.Equal(current, GenAIAttributeAliases.Normalize(alias));
        Assert.Equal(current, GenAIAttributeAliases.Normalize(current));
        Assert.Contains(alias, GenAIAttributeAliases.AliasesOf(current).ToArray());
    }

    [Theory]
    [MemberData(nameof(Mappings))]
    public void SpanAttributesFind_AliasOnly_ReadsAsCurrent(string alias, string current)
    {
        var span = Span((alias, "42"));

        Assert.Equal("42", SpanAttributes.Find(span, current));
    }

    [Theory]
    [MemberData(nameof(Mappings))]
    public void SpanAttributesFind_BothSpellings_CurrentWins(string alias, string current)
    {
        var span = Span((alias, "1"), (current, "2"));

        Assert.Equal("2", SpanAttributes.Find(span, current));
    }

    [Fact]
    public void Analyze_OldAndOpenInferenceTokenNames_CountedAsInputAndOutput()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var start = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var root = new SpanData
        {
            TraceId = traceId, SpanId = ActivitySpanId.CreateRandom(), StartTime = start, EndTime = start.AddSeconds(2),
            Attributes = [new(GenAIAttributes.OperationName, "invoke_agent"), new(GenAIAttributes.AgentName, "a")],
        };
        SpanData Chat(string input, string output) => new()
        {
            TraceId = traceId, SpanId = ActivitySpanId.CreateRandom(), ParentSpanId = root.SpanId, StartTime = start, EndTime = start.AddSeconds(1),
            Attributes = [new(GenAIAttributes.OperationName, "chat"), new(input, 7L), new(output, 3L)],
        };

        var analysis = TraceAnalyzer.Analyze([root, Chat("gen_ai.usage.prompt_tokens", "gen_ai.usage.completion_tokens"), Chat("llm.token_count.prompt", "llm.token_count.completion")]);

        Assert.Equal((14, 6), (analysis.InputTokens, analysis.OutputTokens));
    }

    [Fact]
    public void SpanFieldsRead_Activity_NormalisesAndCurrentWins()
    {
        using var activity = new Activity("chat");
        activity.SetTag("gen_ai.system", "old");
        activity.SetTag(GenAIAttributes.ProviderName, "new");
        activity.SetTag("gen_ai.usage.prompt_tokens", 5);
        activity.SetTag("llm.token_count.completion", "6");
        activity.SetTag("llm.model_name", "m");
        activity.SetTag(GenAIAttributes.UsageInputTokens, 9L);

        var fields = SpanFields.Read(activity);

        Assert.Equal(("new", "m", 9L, 6L), (fields.Provider, fields.RequestModel, fields.Input.Value, fields.Output.Value));
    }

    private static SpanData Span(params (string Key, object? Value)[] attributes) => new()
    {
        TraceId = ActivityTraceId.CreateRandom(),
        SpanId = ActivitySpanId.CreateRandom(),
        StartTime = DateTimeOffset.UnixEpoch,
        Attributes = [.. attributes.Select(a => new KeyValuePair<string, object?>(a.Key, a.Value))],
    };
}
