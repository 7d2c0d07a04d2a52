using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

public sealed class AgentMetricsRegistrationTests
{
    [Fact]
    public void AddAgentMetrics_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring().AddAgentMetrics();
        services.AddMultiAgentMonitoring().AddAgentMetrics(o => o.MaxSeries = 5);

        Assert.Single(services, d => d.ServiceType == typeof(MetricPipeline));
        Assert.Single(services, d => d.ServiceType == typeof(IMetricRecorder));
        Assert.Single(services, d => d.ImplementationType == typeof(MetricPipelineLifetime));
        Assert.Single(services, d => d.ImplementationType == typeof(AgentMetricsOptionsCustomValidator));
        using var provider = services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<IMetricRecorder>(), provider.GetRequiredService<IMetricReader>());
        Assert.Equal(5, provider.GetRequiredService<IOptions<AgentMetricsOptions>>().Value.MaxSeries);
    }

    [Fact]
    public async Task HostStart_InvalidOptions_FailsNamingEveryField()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMultiAgentMonitoring().AddAgentMetrics(o =>
        {
            o.MaxSeries = 0;
            o.BatchSize = 1_000;
            o.Capacity = 10;
            o.MaxFlushDelay = TimeSpan.Zero;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(ex.Failures, f => f.Contains(nameof(AgentMetricsOptions.MaxSeries), StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains(nameof(AgentMetricsOptions.BatchSize), StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains(nameof(AgentMetricsOptions.MaxFlushDelay), StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStop_DrainsAcceptedSamples()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Metrics:BatchSize"] = "64" });
        builder.Services.AddMultiAgentMonitoring().AddAgentMetrics(builder.Configuration.GetSection("Metrics"));
        using var host = builder.Build();
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<IMetricRecorder>();
        var reader = host.Services.GetRequiredService<IMetricReader>();
        Assert.Equal(64, host.Services.GetRequiredService<IOptions<AgentMetricsOptions>>().Value.BatchSize);
        for (var i = 0; i < 1_000; i++)
        {
            recorder.Add("agent-1", "requests", 1);
        }

        await host.StopAsync();

        var stats = reader.GetStatistics();
        Assert.Equal(1_000, stats.Aggregated);
        Assert.Equal(stats.Accepted, stats.Aggregated);
    }
}
