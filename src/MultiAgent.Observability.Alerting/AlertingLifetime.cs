using Microsoft.Extensions.Hosting;

namespace MultiAgent.Observability.Alerting;

/// <summary>Ties the rule engine to the host: rules load (or the start fails) when the host starts; notifications drain on stop.</summary>
internal sealed class AlertingLifetime(AlertingService service) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        service.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => service.StopAsync(cancellationToken);
}
