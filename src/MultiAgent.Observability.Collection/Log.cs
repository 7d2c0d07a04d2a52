using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Collection;

/// <summary>Log messages of collection (event ids 2100-2199 of the metrics range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2101, EventName = "CollectionStarted", Level = LogLevel.Debug, Message = "Collecting agent {AgentId} every {Interval}")]
    public static partial void CollectionStarted(ILogger logger, string agentId, TimeSpan interval);

    [LoggerMessage(EventId = 2102, EventName = "CollectionStopped", Level = LogLevel.Debug, Message = "Stopped collecting agent {AgentId}")]
    public static partial void CollectionStopped(ILogger logger, string agentId);

    [LoggerMessage(EventId = 2103, EventName = "ScrapeFailed", Level = LogLevel.Warning, Message = "Scrape of agent {AgentId} at {Endpoint} failed ({Outcome}): {Error}")]
    public static partial void ScrapeFailed(ILogger logger, string agentId, Uri endpoint, ScrapeOutcome outcome, string error);

    [LoggerMessage(EventId = 2104, EventName = "ScrapeBadLines", Level = LogLevel.Warning, Message = "Scrape of agent {AgentId} skipped {Count} bad lines; first: {FirstError}")]
    public static partial void ScrapeBadLines(ILogger logger, string agentId, int count, string firstError);

    [LoggerMessage(EventId = 2105, EventName = "SamplesRefused", Level = LogLevel.Warning, Message = "Scrape of agent {AgentId} refused {Count} samples; first: {FirstError}")]
    public static partial void SamplesRefused(ILogger logger, string agentId, int count, string firstError);

    [LoggerMessage(EventId = 2106, EventName = "HealthProbeFailed", Level = LogLevel.Warning, Message = "Health probe of agent {AgentId} at {Endpoint} failed ({Outcome}): {Error}")]
    public static partial void HealthProbeFailed(ILogger logger, string agentId, Uri endpoint, ScrapeOutcome outcome, string error);

    [LoggerMessage(EventId = 2107, EventName = "CollectionLoopFailed", Level = LogLevel.Error, Message = "The collection loop of agent {AgentId} failed and goes on")]
    public static partial void CollectionLoopFailed(ILogger logger, Exception exception, string agentId);

    [LoggerMessage(EventId = 2108, EventName = "HostMetricsFailed", Level = LogLevel.Warning, Message = "Reading host metrics failed and goes on")]
    public static partial void HostMetricsFailed(ILogger logger, Exception exception);
}
