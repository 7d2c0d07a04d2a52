namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>Where the engine hands alert updates (firing, re-sent, resolved); must return at once: delivery happens elsewhere.</summary>
internal interface IAlertSink
{
    void Publish(Alert alert);
}
