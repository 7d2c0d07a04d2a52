using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
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

        Assert.Contains("entry 0 'My*Company' may hold '*' only as its last character", error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 1 must not be empty", error.Message, StringComparison.Ordinal);
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

    [Fact]
    public async Task AddMeterBridge_Configuration_BindsMetersAgentAndInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        var meterName = "Tests.Config." + Guid.NewGuid().ToString("N");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bridge:Meters:0"] = meterName,
            ["Bridge:DefaultAgentId"] = "config-host",
            ["Bridge:ObservableInterval"] = "00:00:30",
        });
        builder.Services.AddMultiAgentMonitoring().AddMeterBridge(builder.Configuration.GetSection("Bridge"));
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<int>("config.hits");

        await host.StartAsync(ct);
        counter.Add(5);
        var reader = host.Services.GetRequiredService<IMetricReader>();
        await reader.FlushAsync(ct);

        var options = host.Services.GetRequiredService<IOptions<MeterBridgeOptions>>().Value;
        Assert.Equal([meterName], options.Meters);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ObservableInterval);
        Assert.Contains(reader.ListSeries(), s => s.Name == "config_hits" && s.AgentId == "config-host");
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task AddMeterBridge_NoArguments_UsesOptionsConfiguredElsewhereAndRegistersOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var meterName = "Tests.Bare." + Guid.NewGuid().ToString("N");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.Configure<MeterBridgeOptions>(o => o.Meters.Add(meterName));
        builder.Services.AddMultiAgentMonitoring().AddMeterBridge().AddMeterBridge();
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<int>("bare.hits");

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<MeterBridgeService>());
        await host.StartAsync(ct);
        counter.Add(2);
        var reader = host.Services.GetRequiredService<IMetricReader>();
        await reader.FlushAsync(ct);

        Assert.Contains(reader.ListSeries(), s => s.Name == "bare_hits" && s.AgentId == "host");
        await host.StopAsync(ct);
    }
}
