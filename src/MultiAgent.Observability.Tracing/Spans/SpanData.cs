using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// An immutable snapshot of one span: what the trace store keeps and what the analysis reads. It holds no reference to the
/// <see cref="Activity"/> it came from, so a stored span never keeps an activity (and its parent chain) alive.
/// </summary>
public sealed record SpanData
{
    private static readonly KeyValuePair<string, object?>[] s_noAttributes = [];

    /// <summary>Gets the trace the span belongs to.</summary>
    public required ActivityTraceId TraceId { get; init; }

    /// <summary>Gets the span's id.</summary>
    public required ActivitySpanId SpanId { get; init; }

    /// <summary>Gets the parent span's id, or <see langword="default"/> for a root span.</summary>
    /// <value>The default value is <see langword="default"/> (no parent).</value>
    public ActivitySpanId ParentSpanId { get; init; }

    /// <summary>Gets the display name. Only for people: the analysis classifies spans by attributes, never by name.</summary>
    /// <value>The default value is an empty string.</value>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the name of the <see cref="ActivitySource"/> that created the span.</summary>
    /// <value>The default value is an empty string.</value>
    public string SourceName { get; init; } = string.Empty;

    /// <summary>Gets the span kind.</summary>
    /// <value>The default value is <see cref="ActivityKind.Internal"/>.</value>
    public ActivityKind Kind { get; init; } = ActivityKind.Internal;

    /// <summary>Gets the start time.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>Gets the end time, or <see langword="null"/> when the span has not finished.</summary>
    /// <value>The default value is <see langword="null"/> (unfinished).</value>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Gets the status.</summary>
    /// <value>The default value is <see cref="ActivityStatusCode.Unset"/>.</value>
    public ActivityStatusCode Status { get; init; }

    /// <summary>Gets the status description, if any.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? StatusDescription { get; init; }

    /// <summary>Gets the attributes (tags) in the order they were set. Values are whatever the instrumentation set.</summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<KeyValuePair<string, object?>> Attributes { get; init; } = s_noAttributes;

    /// <summary>Gets the duration, or <see langword="null"/> when the span has not finished.</summary>
    public TimeSpan? Duration => EndTime - StartTime;

    /// <summary>
    /// Copies an activity into a <see cref="SpanData"/>. Cheap enough to run for every span in a listener: one record, one
    /// attribute array, no LINQ.
    /// </summary>
    /// <param name="activity">The activity, usually one that has just stopped.</param>
    /// <returns>The snapshot. An activity that has not stopped gets a <see langword="null"/> <see cref="EndTime"/>.</returns>
    public static SpanData FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);

        // Two passes over the tag list (a linked list inside Activity) with its allocation-free enumerator:
        // counting first sizes the array exactly, which is cheaper than growing a List.
        var count = 0;
        foreach (ref readonly var _ in activity.EnumerateTagObjects())
        {
            count++;
        }

        var attributes = s_noAttributes;
        if (count != 0)
        {
            attributes = new KeyValuePair<string, object?>[count];
            var i = 0;
            foreach (ref readonly var tag in activity.EnumerateTagObjects())
            {
                if (i == attributes.Length)
                {
                    break;
                }

                attributes[i++] = tag;
            }
        }

        var start = new DateTimeOffset(DateTime.SpecifyKind(activity.StartTimeUtc, DateTimeKind.Utc));
        return new SpanData
        {
            TraceId = activity.TraceId,
            SpanId = activity.SpanId,
            ParentSpanId = activity.ParentSpanId,
            Name = activity.DisplayName,
            SourceName = activity.Source.Name,
            Kind = activity.Kind,
            StartTime = start,
            EndTime = activity.IsStopped ? start + activity.Duration : null,
            Status = activity.Status,
            StatusDescription = activity.StatusDescription,
            Attributes = attributes,
        };
    }
}
