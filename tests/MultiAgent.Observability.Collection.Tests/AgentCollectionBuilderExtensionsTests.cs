using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Collection.Tests;

public sealed class AgentCollectionBuilderExtensionsTests
{
    [Fact]
    public async Task AddAgentCollection_InvalidOptions_FailAtHostStartNamingEveryField()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMultiAgentMonitoring().AddAgentCollection(o =>
        {
            o.Interval = TimeSpan.FromMilliseconds(1);
            o.RequestTimeout = TimeSpan.Zero;
            o.AllowedSchemes.Add("ftp");
            o.AllowedHosts.Add(" ");
            o.MaxSamplesPerScrape = 0;
            o.HostAgentId = "not valid!";
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        foreach (var field in new[] { "Interval", "RequestTimeout", "AllowedSchemes", "AllowedHosts", "MaxSamplesPerScrape", "HostAgentId" })
        {
            Assert.Contains(field, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AddAgentCollection_Configuration_BindsOptionsAndIsSafeToCallTwice()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Interval"] = "00:00:15",
            ["MaxBodyBytes"] = "1048576",
            ["AllowedHosts:0"] = "agents.internal",
        }).Build();
        var services = new ServiceCollection();
        var monitoring = services.AddMultiAgentMonitoring();
        monitoring.AddAgentCollection(configuration);
        monitoring.AddAgentCollection();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AgentCollectionOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(15), options.Interval);
        Assert.Equal(1_048_576, options.MaxBodyBytes);
        Assert.Equal(["agents.internal"], options.AllowedHosts);
        Assert.Single(provider.GetServices<IHostedService>().OfType<AgentCollector>());
        Assert.NotNull(provider.GetRequiredService<IFleetOverview>());
    }
}
