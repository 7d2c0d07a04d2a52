using System.Diagnostics;
using CsCheck;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>
/// <see cref="SpanFields.Read"/> stores each field by its index and reads int and long token counts without the general
/// conversion: every field lands where the table says, and counts read as <see cref="SpanAttributes.TokenCountOf"/> reads them.
/// </summary>
public sealed class SpanFieldsTests
{
    [Fact]
    public void Read_EveryCurrentKey_FillsItsOwnField()
    {
        using var activity = new Activity("span");
        var texts = new[]
        {
            GenAIAttributes.OperationName, GenAIAttributes.ProviderName, GenAIAttributes.AgentName, GenAIAttributes.AgentId, GenAIAttributes.ServiceName,
            GenAIAttributes.RequestModel, GenAIAttributes.ResponseModel, GenAIAttributes.ToolName, GenAIAttributes.ToolType, GenAIAttributes.ErrorType,
        };
        foreach (var key in texts)
        {
            activity.SetTag(key, "v:" + key);
        }

        var tokens = new[]
        {
            GenAIAttributes.UsageInputTokens, GenAIAttributes.UsageOutputTokens, GenAIAttributes.UsageCacheReadInputTokens,
            GenAIAttributeAliases.UsageCacheWriteInputTokens, GenAIAttributeAliases.UsageReasoningOutputTokens,
        };
        for (var i = 0; i < tokens.Length; i++)
        {
            activity.SetTag(tokens[i], 10 + i);
        }

        activity.SetTag(GenAIAttributeAliases.UsageTotalTokens, 99);

        var fields = SpanFields.Read(activity);

        string?[] readTexts =
        [
            fields.Operation, fields.Provider, fields.AgentName, fields.AgentId, fields.ServiceName,
            fields.RequestModel, fields.ResponseModel, fields.ToolName, fields.ToolType, fields.ErrorType,
        ];
        Assert.Equal(texts.Select(key => "v:" + key), readTexts);
        Assert.Equal([10L, 11L, 12L, 13L, 14L], new[] { fields.Input, fields.Output, fields.CacheRead, fields.CacheWrite, fields.Reasoning }.Select(t => t.Value));
        Assert.True(fields.Reasoning.IsValid);
    }

    [Fact]
    public void Read_NoTags_NoFieldAndNoUsage()
    {
        using var activity = new Activity("span");

        var fields = SpanFields.Read(activity);

        Assert.Equal((null, null, false, false), (fields.Operation, fields.ErrorType, fields.HasUsage, fields.Input.IsPresent));
    }

    [Fact]
    public void Read_ErrorStatusWithoutErrorType_Other()
    {
        using var activity = new Activity("span");
        activity.SetStatus(ActivityStatusCode.Error);

        Assert.Equal("_OTHER", SpanFields.Read(activity).ErrorType);
    }

    [Fact]
    public void Read_IntAliasThenLongCurrent_CurrentWins()
    {
        using var activity = new Activity("span");
        activity.SetTag("gen_ai.usage.prompt_tokens", 5);
        activity.SetTag(GenAIAttributes.UsageInputTokens, 9L);
        activity.SetTag(GenAIAttributes.UsageOutputTokens, 7L);
        activity.SetTag("gen_ai.usage.completion_tokens", 3);

        var fields = SpanFields.Read(activity);

        Assert.Equal((9L, 7L), (fields.Input.Value, fields.Output.Value));
    }

    [Fact]
    public void Read_NegativeIntCount_PresentAndInvalid()
    {
        using var activity = new Activity("span");
        activity.SetTag(GenAIAttributes.UsageInputTokens, -1);
        activity.SetTag(GenAIAttributes.UsageOutputTokens, long.MinValue);

        var fields = SpanFields.Read(activity);

        Assert.Equal((true, true, true, true), (fields.Input.IsPresent, fields.Input.IsInvalid, fields.Output.IsPresent, fields.Output.IsInvalid));
    }

    [Fact]
    public void TokenFieldSet_AnyIntOrLong_SameAsTheGeneralConversion()
    {
        Gen.OneOf(Gen.Int.Select(i => (object)i), Gen.Long.Select(l => (object)l)).Sample(value =>
        {
            var field = default(SpanFields.TokenField);
            field.Set(value, current: true);

            var expected = SpanAttributes.TokenCountOf(value, out var invalid);
            Assert.Equal((expected is not null || invalid, invalid, expected ?? 0), (field.IsPresent, field.IsInvalid, field.Value));
        });
    }
}
