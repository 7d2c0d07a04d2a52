using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary>
/// An ASP.NET Core host built the way a user builds one: <c>AddMultiAgentMonitoring().AddAgentMetrics().AddAlerting()</c>
/// with the monitoring endpoints, on 127.0.0.1 (free port), real time.
/// </summary>
internal sealed class MonitoredHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MonitoredHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public IMetricRecorder Recorder => Services.GetRequiredService<IMetricRecorder>();

    public IAlertEngine Alerts => Services.GetRequiredService<IAlertEngine>();

    public static async Task<MonitoredHost> StartAsync(Action<AlertingOptions> alerting)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMultiAgentMonitoring().AddAgentMetrics().AddAlerting(alerting).AddMonitoringEndpoints();
        var app = builder.Build();
        app.MapMultiAgentMonitoring();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MonitoredHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
