using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

public sealed class GenAIMetricsBuilderExtensionsTests
{
    [Fact]
    public void AddGenAIMetrics_ThreeOverloadsTogether_OneObserverAndTracing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GenAI:MaxAgentNames"] = "7",
            ["GenAI:Prices:0:Model"] = "my-model",
            ["GenAI:Prices:0:InputPerMillion"] = "1.5",
            ["GenAI:Prices:0:OutputPerMillion"] = "2",
            ["GenAI:Prices:0:Currency"] = "EUR",
        }).Build();
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring().AddGenAIMetrics().AddGenAIMetrics(configuration.GetSection("GenAI")).AddGenAIMetrics(o => o.UseDefaultPrices = false);
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<ISpanStoppedObserver>());
        Assert.NotNull(provider.GetRequiredService<ITraceStore>());
        Assert.Equal(7, provider.GetRequiredService<IOptions<GenAIMetricsOptions>>().Value.MaxAgentNames);
        var prices = provider.GetRequiredService<GenAIPriceTable>();
        Assert.Equal("EUR", Assert.Single(prices.Prices).Currency);
    }

    [Fact]
    public async Task AddGenAIMetrics_InvalidOptionsAndPriceFile_HostStartFailsNamingEach()
    {
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, "{\n  \"prices\": [\n    { \"model\": \"m\", \"inputPerMillion\": -1, \"outputPerMillion\": 1, \"currency\": \"USD\" }\n  ]\n}", TestContext.Current.CancellationToken);
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddMultiAgentMonitoring().AddGenAIMetrics(o =>
            {
                o.MaxAgentNames = 0;
                o.TraceQuietPeriod = TimeSpan.FromMilliseconds(1);
                o.PriceFile = file;
                o.Prices.Add(new ModelPrice { Model = "x", Currency = "usd" });
            });
            using var host = builder.Build();

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains("MaxAgentNames", error.Message, StringComparison.Ordinal);
            Assert.Contains("TraceQuietPeriod", error.Message, StringComparison.Ordinal);
            Assert.Contains($"{file}(3): prices[0].inputPerMillion: must not be negative", error.Message, StringComparison.Ordinal);
            Assert.Contains("Prices[0]", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Host_StoppedRightAfterSpans_PipelineHasTheirTokens()
    {
        // The spans reach the metrics off their threads; stopping the host hands the waiting ones over before the pipeline drains.
        var ct = TestContext.Current.CancellationToken;
        var sourceName = GenAIScope.NewSourceName();
        var agentName = "agent-" + Guid.NewGuid().ToString("N");
        using var host = GenAIScope.BridgedHost(sourceName);
        await host.StartAsync(ct);
        using (var source = new ActivitySource(sourceName))
        {
            for (var i = 0; i < 3; i++)
            {
                GenAIScope.Start(
                    source,
                    "chat m",
                    (GenAIAttributes.OperationName, GenAIOperations.Chat),
                    (GenAIAttributes.AgentName, agentName),
                    (GenAIAttributes.RequestModel, "m"),
                    (GenAIAttributes.UsageInputTokens, 100 + i),
                    (GenAIAttributes.UsageOutputTokens, 1)).Stop();
            }
        }

        await host.StopAsync(ct);

        var reader = host.Services.GetRequiredService<IMetricReader>();
        var input = Assert.Single(reader.ListSeries(), s => s.Name == "gen_ai_client_token_usage" && s.AgentId == agentName
            && s.Labels.Contains(new("gen_ai_token_type", "input")));
        var aggregate = (HistogramAggregate)reader.GetAggregate(input.Series)!;
        Assert.Equal((3L, 303.0), (aggregate.Count, aggregate.Sum));
    }
}
