using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Metrics;

/// <summary>Log messages of the metrics package (event ids 2000-2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "SeriesCapReached", Level = LogLevel.Warning,
        Message = "The series cap of {MaxSeries} is reached: new series (first: {MetricName} of agent {AgentId}) are refused and counted; this is logged once")]
    public static partial void SeriesCapReached(ILogger logger, int maxSeries, string metricName, string agentId);

    [LoggerMessage(EventId = 2002, EventName = "SamplesDropped", Level = LogLevel.Warning,
        Message = "The pipeline buffer of {Capacity} samples is full: samples are dropped under the {Policy} policy and counted; this is logged once")]
    public static partial void SamplesDropped(ILogger logger, int capacity, FullBufferPolicy policy);

    [LoggerMessage(EventId = 2003, EventName = "ConsumerFailed", Level = LogLevel.Error, Message = "The metric consumer failed on a batch and goes on")]
    public static partial void ConsumerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2004, EventName = "PoolProducerDropped", Level = LogLevel.Warning,
        Message = "The pipeline buffer of {Capacity} samples is full and a thread-pool thread is recording under the Wait policy: its batch is dropped and counted instead of blocking a pool thread; record from dedicated threads to be throttled instead. This is logged once")]
    public static partial void PoolProducerDropped(ILogger logger, int capacity);

    [LoggerMessage(EventId = 2005, EventName = "RecordAfterStop", Level = LogLevel.Warning,
        Message = "A sample was offered after the pipeline stopped: it is rejected and counted; this is logged once")]
    public static partial void RecordAfterStop(ILogger logger);
}
