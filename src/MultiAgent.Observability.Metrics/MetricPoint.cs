namespace MultiAgent.Observability.Metrics;

/// <summary>One recent value of a series.</summary>
/// <param name="Timestamp">When it was recorded (millisecond resolution).</param>
/// <param name="Value">The value.</param>
public readonly record struct MetricPoint(DateTimeOffset Timestamp, double Value);

/// <summary>One entry of the history ring.</summary>
/// <param name="Series">The series.</param>
/// <param name="Timestamp">When it was recorded (millisecond resolution).</param>
/// <param name="Value">The value as recorded (an increment for <see cref="IMetricRecorder.Add(in MetricSeries, double)"/>).</param>
public readonly record struct MetricSample(MetricSeries Series, DateTimeOffset Timestamp, double Value);
