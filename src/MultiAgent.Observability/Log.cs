using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability;

/// <summary>Log messages of the core package (event ids 1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "AgentRegistered", Level = LogLevel.Information, Message = "Registered agent {AgentId} for monitoring")]
    public static partial void AgentRegistered(ILogger logger, string agentId);

    [LoggerMessage(EventId = 1002, EventName = "AgentUnregistered", Level = LogLevel.Information, Message = "Unregistered agent {AgentId}")]
    public static partial void AgentUnregistered(ILogger logger, string agentId);

    [LoggerMessage(EventId = 1003, EventName = "AgentUnhealthy", Level = LogLevel.Warning, Message = "Agent {AgentId} is unhealthy: {Reason}")]
    public static partial void AgentUnhealthy(ILogger logger, string agentId, string reason);

    [LoggerMessage(EventId = 1004, EventName = "AgentStale", Level = LogLevel.Warning, Message = "Agent {AgentId} is stale: no heartbeat since {LastHeartbeat:O}")]
    public static partial void AgentStale(ILogger logger, string agentId, DateTimeOffset lastHeartbeat);

    [LoggerMessage(EventId = 1005, EventName = "AgentRegistryFull", Level = LogLevel.Error, Message = "Agent {AgentId} refused: the registry holds its maximum of {MaxAgents} agents")]
    public static partial void RegistryFull(ILogger logger, string agentId, int maxAgents);

    [LoggerMessage(EventId = 1006, EventName = "AgentStatusHandlerFailed", Level = LogLevel.Error, Message = "A StatusChanged handler failed for agent {AgentId}")]
    public static partial void StatusHandlerFailed(ILogger logger, Exception exception, string agentId);

    [LoggerMessage(EventId = 1007, EventName = "AgentStalenessCheckSkipped", Level = LogLevel.Error, Message = "Skipped the agent staleness check: the monitoring options are invalid")]
    public static partial void StalenessCheckSkipped(ILogger logger, Exception exception);
}
