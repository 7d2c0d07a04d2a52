using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tracing.Tests.Collecting;

public sealed class AgentTracingBuilderExtensionsTests
{
    [Fact]
    public void AddAgentTracing_CalledTwice_RegistersServicesOnce()
    {
        var services = new ServiceCollection();

        services.AddMultiAgentMonitoring().AddAgentTracing().AddAgentTracing(o => o.MaxTraces = 5);

        Assert.Single(services, d => d.ServiceType == typeof(ITraceStore));
        Assert.Single(services, d => d.ServiceType == typeof(DistributedTracing));
        Assert.Single(services, d => d.ImplementationType == typeof(TraceCollectorService));
        using var provider = services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<ITraceStore>(), provider.GetRequiredService<TraceStore>());
        Assert.Equal(5, provider.GetRequiredService<IOptions<AgentTracingOptions>>().Value.MaxTraces);
    }

    [Fact]
    public void AddAgentTracing_AfterCore_AddsOnlyTracingServices()
    {
        var services = new ServiceCollection();
        var builder = services.AddMultiAgentMonitoring();
        var core = services.ToList();

        builder.AddAgentTracing();

        // Everything added is tracing's own (or its options' plumbing): TimeProvider, IMeterFactory and the other core
        // services are AddMultiAgentMonitoring's, never registered a second time.
        var tracing = typeof(ITraceStore).Assembly;
        var added = services.Except(core).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, d => Assert.True(
            d.ServiceType.Assembly == tracing
            || d.ImplementationType?.Assembly == tracing
            || d.ServiceType.GenericTypeArguments.Contains(typeof(AgentTracingOptions))
            || d.ServiceType.GenericTypeArguments.Any(a => a.Name == "StartupValidatorOptions"),
            $"AddAgentTracing registered {d.ServiceType} ({d.ImplementationType})"));
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<ITraceStore>());
    }

    [Fact]
    public void AddAgentTracing_Configuration_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MaxTraces"] = "7",
            ["MaxSpansPerTrace"] = "9",
            ["MaxTraceAge"] = "00:05:00",
            ["SamplingRatio"] = "0.25",
            ["IncludeDefaultSources"] = "false",
            ["Sources:0"] = "MyCompany.Agents*",
        }).Build();
        var services = new ServiceCollection();

        services.AddMultiAgentMonitoring().AddAgentTracing(configuration);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<AgentTracingOptions>>().Value;
        Assert.Equal(7, options.MaxTraces);
        Assert.Equal(9, options.MaxSpansPerTrace);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxTraceAge);
        Assert.Equal(0.25, options.SamplingRatio);
        Assert.False(options.IncludeDefaultSources);
        Assert.Equal(["MyCompany.Agents*"], options.Sources);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsNamingEveryField()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring().AddAgentTracing(o =>
        {
            o.MaxTraces = 0;
            o.MaxTraceAge = TimeSpan.Zero;
            o.SamplingRatio = 1.5;
            o.MaxSpans = 10;
            o.Sources.Add("Bad*Pattern");
        });
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var message = string.Join(" | ", exception.Failures);
        Assert.Contains("MaxTraces", message, StringComparison.Ordinal);
        Assert.Contains("MaxTraceAge", message, StringComparison.Ordinal);
        Assert.Contains("SamplingRatio", message, StringComparison.Ordinal);
        Assert.Contains("MaxSpans", message, StringComparison.Ordinal);
        Assert.Contains("Sources[0]", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_StartAndStop_ListenerCollectsOnlyWhileRunning()
    {
        var sourceName = "Test.Host." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring().AddAgentTracing(o =>
        {
            // Other tests emit on the default sources in parallel; listen to this test's source only.
            o.IncludeDefaultSources = false;
            o.Sources.Add(sourceName);
        });
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<ITraceStore>();
        Activity.Current = null;
        Assert.Null(source.StartActivity("before start"));

        await host.StartAsync(TestContext.Current.CancellationToken);
        source.StartActivity("running")!.Dispose();
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Null(source.StartActivity("after stop"));
        var traceId = Assert.Single(store.GetTraceIds());
        Assert.True(store.TryGetTrace(traceId, out var trace));
        Assert.Equal("running", Assert.Single(trace.Spans).Name);
    }
}
