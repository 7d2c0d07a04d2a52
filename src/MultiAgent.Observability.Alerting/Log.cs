using System.Net;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Alerting;

/// <summary>Log messages of the alerting package (event ids 3000-3999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "AlertRuleFailed", Level = LogLevel.Error, Message = "Rule {Group}/{Rule} failed to evaluate")]
    public static partial void RuleFailed(ILogger logger, Exception exception, string group, string rule);

    [LoggerMessage(EventId = 3002, EventName = "AlertRuleLimitExceeded", Level = LogLevel.Error, Message = "Rule {Group}/{Rule} has {Count} active alerts, over its limit of {Limit}: its alerts were dropped")]
    public static partial void RuleLimitExceeded(ILogger logger, string group, string rule, int count, int limit);

    [LoggerMessage(EventId = 3003, EventName = "AlertSeriesRefused", Level = LogLevel.Error, Message = "Rule {Group}/{Rule} does not evaluate series {Metric} of agent {AgentId}: {Reason}")]
    public static partial void SeriesRefused(ILogger logger, string group, string rule, string agentId, string metric, string reason);

    [LoggerMessage(EventId = 3004, EventName = "AlertTemplateFailed", Level = LogLevel.Warning, Message = "Rule {Group}/{Rule}: {Count} template(s) failed to expand; the alert shows the error text")]
    public static partial void TemplateFailed(ILogger logger, string group, string rule, int count);

    [LoggerMessage(EventId = 3005, EventName = "AlertRulesLoaded", Level = LogLevel.Information, Message = "Loaded {Groups} alert rule group(s) with {Rules} rule(s)")]
    public static partial void RulesLoaded(ILogger logger, int groups, int rules);

    [LoggerMessage(EventId = 3006, EventName = "AlertRulesRejected", Level = LogLevel.Error, Message = "Alert rules refused; the previous rules keep running: {Errors}")]
    public static partial void RulesRejected(ILogger logger, string errors);

    [LoggerMessage(EventId = 3007, EventName = "AlertGroupEvaluationFailed", Level = LogLevel.Error, Message = "Evaluation of rule group {Group} failed")]
    public static partial void GroupFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(EventId = 3010, EventName = "AlertNotificationFiring", Level = LogLevel.Warning, Message = "Alert group {GroupKey}: {Firing} firing, {Resolved} resolved: {Alerts}")]
    public static partial void NotificationFiring(ILogger logger, string groupKey, int firing, int resolved, string alerts);

    [LoggerMessage(EventId = 3011, EventName = "AlertNotificationResolved", Level = LogLevel.Information, Message = "Alert group {GroupKey}: all {Resolved} resolved: {Alerts}")]
    public static partial void NotificationResolved(ILogger logger, string groupKey, int resolved, string alerts);

    [LoggerMessage(EventId = 3012, EventName = "AlertNotifierFailed", Level = LogLevel.Error, Message = "Notifier {Notifier} failed for alert group {GroupKey}")]
    public static partial void NotifierFailed(ILogger logger, Exception exception, string notifier, string groupKey);

    [LoggerMessage(EventId = 3013, EventName = "AlertNotifierTimedOut", Level = LogLevel.Error, Message = "Notifier {Notifier} did not finish within {Timeout} for alert group {GroupKey}; abandoned")]
    public static partial void NotifierTimedOut(ILogger logger, string notifier, TimeSpan timeout, string groupKey);

    [LoggerMessage(EventId = 3014, EventName = "AlertQueueFull", Level = LogLevel.Warning, Message = "The {Queue} queue is full ({Capacity}); the oldest entries are dropped and counted")]
    public static partial void QueueFull(ILogger logger, string queue, int capacity);

    [LoggerMessage(EventId = 3020, EventName = "AlertmanagerRejected", Level = LogLevel.Error, Message = "Alertmanager {Url} refused {Count} alert(s) with {Status} (not retried): {Body}")]
    public static partial void AlertmanagerRejected(ILogger logger, Uri url, int count, HttpStatusCode status, string body);

    [LoggerMessage(EventId = 3021, EventName = "AlertmanagerFailed", Level = LogLevel.Error, Message = "Delivery of {Count} alert(s) to Alertmanager {Url} failed after retries")]
    public static partial void AlertmanagerFailed(ILogger logger, Exception? exception, Uri url, int count);

    [LoggerMessage(EventId = 3022, EventName = "AlertmanagerUnexpectedAnswer", Level = LogLevel.Warning, Message = "Alertmanager {Url} answered {Status} with an unexpected body: {Body}")]
    public static partial void AlertmanagerGarbage(ILogger logger, Uri url, HttpStatusCode status, string body);

    [LoggerMessage(EventId = 3030, EventName = "AgentHealthEvaluationFailed", Level = LogLevel.Error, Message = "Agent health alerts could not follow the status of agent {AgentId}")]
    public static partial void AgentHealthFailed(ILogger logger, Exception exception, string agentId);
}
