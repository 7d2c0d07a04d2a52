using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics.Bridge;

namespace MultiAgent.Observability.Metrics.Tests.Bridge;

public sealed class MeterBridgeBuilderExtensionsTests
{
    [Fact]
    public async Task AddMeterBridge_CalledTwice_OneBridgeMetersAddUpAndStopsWithHost()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = "Tests.Di." + Guid.NewGuid().ToString("N");
        var second = "Tests.Di." + Guid.NewGuid().ToString("N");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring()
            .AddMeterBridge(o => o.Meters.Add(first))
            .AddMeterBridge(o =>
            {
                o.Meters.Add(second);
                o.DefaultAgentId = "di-host";
            });
        using var host = builder.Build();
        using var meterA = new Meter(first);
        using var meterB = new Meter(second);
        var counterA = meterA.CreateCounter<int>("di.a");
        var counterB = meterB.CreateCounter<int>("di.b");

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<MeterBridgeService>());
        await host.StartAsync(ct);
        counterA.Add(1);
        counterB.Add(2);
        var reader = host.Services.GetRequiredService<IMetricReader>();
        await reader.FlushAsync(ct);

        Assert.Contains(reader.ListSeries(), s => s.Name == "di_a" && s.AgentId == "di-host");
        Assert.Contains(reader.ListSeries(), s => s.Name == "di_b" && s.AgentId == "di-host");
        var bridge = host.Services.GetRequiredService<IMeterBridge>();
        Assert.Equal(new BridgeStatistics(2, 0), bridge.GetStatistics());

        await host.StopAsync(ct);
        counterA.Add(1);

        Assert.Equal(2, bridge.GetStatistics().Measurements);
    }

    [Fact]
    public async Task AddMeterBridge_InvalidOptions_HostStartFailsWithEveryError()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring().AddMeterBridge(o =>
        {
            o.Meters.Add("My*Company");
            o.Meters.Add(" ");
            o.DefaultAgentId = "not valid!";
            o.ObservableInterval = TimeSpan.FromMilliseconds(10);
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("entry 0 'My*Company' has '*' at index 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 1 is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultAgentId", error.Message, StringComparison.Ordinal);
        Assert.Contains("ObservableInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMeterBridge_NoMeters_HostStartFails()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring().AddMeterBridge(_ => { });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Meters", error.Message, StringComparison.Ordinal);
    }
}
