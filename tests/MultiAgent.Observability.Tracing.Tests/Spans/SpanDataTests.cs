using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Tests;

public sealed class SpanDataTests
{
    [Fact]
    public void FromActivity_StoppedActivity_CopiesIdsTimesStatusAndTags()
    {
        using var source = new ActivitySource("Test.SpanData." + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        using var parent = source.StartActivity("parent")!;
        using var activity = source.StartActivity("chat model", ActivityKind.Client)!;
        activity.SetStartTime(start.UtcDateTime);
        activity.SetTag("gen_ai.operation.name", "chat");
        activity.SetTag("gen_ai.usage.input_tokens", 12);
        activity.SetStatus(ActivityStatusCode.Error, "boom");
        activity.SetEndTime(start.UtcDateTime.AddMilliseconds(250));
        activity.Stop();

        var span = SpanData.FromActivity(activity);

        Assert.Equal(activity.TraceId, span.TraceId);
        Assert.Equal(activity.SpanId, span.SpanId);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal("chat model", span.Name);
        Assert.Equal(source.Name, span.SourceName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(start, span.StartTime);
        Assert.Equal(start.AddMilliseconds(250), span.EndTime);
        Assert.Equal(TimeSpan.FromMilliseconds(250), span.Duration);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("boom", span.StatusDescription);
        Assert.Equal([new("gen_ai.operation.name", "chat"), new("gen_ai.usage.input_tokens", (object?)12)], span.Attributes);
    }

    [Fact]
    public void FromActivity_RunningActivityWithoutTags_HasNoEndAndNoAttributes()
    {
        using var activity = new Activity("running").SetIdFormat(ActivityIdFormat.W3C).Start();

        var span = SpanData.FromActivity(activity);

        Assert.Null(span.EndTime);
        Assert.Null(span.Duration);
        Assert.Empty(span.Attributes);
        Assert.Equal(default, span.ParentSpanId);
        Assert.Equal(string.Empty, span.SourceName);
    }

    [Fact]
    public void FromActivity_Snapshot_DoesNotChangeWhenTheActivityDoes()
    {
        using var activity = new Activity("a").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.SetTag("k", "v1");

        var span = SpanData.FromActivity(activity);
        activity.SetTag("k", "v2");
        activity.SetTag("other", 1);

        Assert.Equal([new("k", (object?)"v1")], span.Attributes);
    }
}
