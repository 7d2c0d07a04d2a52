namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>The counters behind <see cref="AlertingStatistics"/>, shared by the engine and the notification paths.</summary>
internal sealed class AlertingCounters
{
    public long Evaluations;
    public long EvaluationErrors;
    public long TemplateErrors;
    public long AlertsSent;
    public long NotificationsDelivered;
    public long Dropped;
    public long NotifierFailures;
    public long AlertmanagerDelivered;
    public long AlertmanagerFailures;

    public AlertingStatistics Snapshot() => new()
    {
        Evaluations = Interlocked.Read(ref Evaluations),
        EvaluationErrors = Interlocked.Read(ref EvaluationErrors),
        TemplateErrors = Interlocked.Read(ref TemplateErrors),
        AlertsSent = Interlocked.Read(ref AlertsSent),
        NotificationsDelivered = Interlocked.Read(ref NotificationsDelivered),
        Dropped = Interlocked.Read(ref Dropped),
        NotifierFailures = Interlocked.Read(ref NotifierFailures),
        AlertmanagerDelivered = Interlocked.Read(ref AlertmanagerDelivered),
        AlertmanagerFailures = Interlocked.Read(ref AlertmanagerFailures),
    };
}
