using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Tests;

public sealed class MultiAgentMonitoringServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMultiAgentMonitoring_CalledTwice_RegistersEachCoreServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddMultiAgentMonitoring();
        var afterFirst = CountCoreDescriptors(services);
        services.AddMultiAgentMonitoring();
        var afterSecond = CountCoreDescriptors(services);

        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal((Registry: 1, Concrete: 1, Hosted: 1, Validators: 2, Time: 1, Meters: 1), afterSecond);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<MultiAgentMonitoringOptions>) && d.ImplementationType == typeof(MultiAgentMonitoringOptionsValidator));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<MultiAgentMonitoringOptions>) && d.ImplementationType == typeof(MultiAgentMonitoringOptionsCustomValidator));
    }

    [Fact]
    public void AddMultiAgentMonitoring_CalledTwice_ResolvesOneRegistryAndOneHostedService()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMultiAgentMonitoring();
        services.AddMultiAgentMonitoring();
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<AgentRegistry>(), provider.GetRequiredService<IAgentRegistry>());
        Assert.IsType<AgentStalenessService>(Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Fact]
    public void AddMultiAgentMonitoring_EveryOverload_ReturnsBuilderOverSameServices()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        var first = services.AddMultiAgentMonitoring();
        var second = services.AddMultiAgentMonitoring(static _ => { });
        var third = services.AddMultiAgentMonitoring(configuration);

        Assert.Same(services, first.Services);
        Assert.Same(services, second.Services);
        Assert.Same(services, third.Services);
    }

    [Fact]
    public void AddMultiAgentMonitoring_NullArguments_ThrowArgumentNullExceptionNamingParameter()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddMultiAgentMonitoring()).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddMultiAgentMonitoring((Action<MultiAgentMonitoringOptions>)null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddMultiAgentMonitoring((IConfiguration)null!)).ParamName);
    }

    [Fact]
    public void AddMultiAgentMonitoring_NoTimeProviderRegistered_UsesSystemTimeProvider()
    {
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring();
        using var provider = services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.NotNull(provider.GetRequiredService<IMeterFactory>());
    }

    [Fact]
    public void AddMultiAgentMonitoring_UserTimeProviderRegisteredFirst_UserTimeProviderWins()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(fake);
        services.AddMultiAgentMonitoring();
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
        var registration = provider.GetRequiredService<IAgentRegistry>().Register(new AgentInfo(AgentId.Parse("a")));
        Assert.Equal(fake.GetUtcNow(), registration.RegisteredAt);
    }

    [Fact]
    public void AddMultiAgentMonitoring_UserMeterFactoryRegisteredFirst_UserMeterFactoryWins()
    {
        using var userFactory = new TestMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory>(userFactory);
        services.AddMultiAgentMonitoring();
        using var provider = services.BuildServiceProvider();

        Assert.Same(userFactory, provider.GetRequiredService<IMeterFactory>());
    }

    [Fact]
    public void AddMultiAgentMonitoring_Action_BindsValues()
    {
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring(static o =>
        {
            o.StaleAfter = TimeSpan.FromMinutes(2);
            o.StalenessCheckInterval = TimeSpan.FromSeconds(15);
            o.MaxAgents = 42;
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MultiAgentMonitoringOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(2), options.StaleAfter);
        Assert.Equal(TimeSpan.FromSeconds(15), options.StalenessCheckInterval);
        Assert.Equal(42, options.MaxAgents);
        Assert.Equal(32, options.MaxAgentLabels);
    }

    [Fact]
    public void AddMultiAgentMonitoring_ActionCalledTwice_AppliesBothInOrder()
    {
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring(static o => { o.MaxAgents = 1; o.MaxAgentLabels = 3; });
        services.AddMultiAgentMonitoring(static o => o.MaxAgents = 2);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MultiAgentMonitoringOptions>>().Value;
        Assert.Equal(2, options.MaxAgents);
        Assert.Equal(3, options.MaxAgentLabels);
    }

    [Fact]
    public void AddMultiAgentMonitoring_Configuration_BindsValues()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Monitoring:StaleAfter"] = "00:03:00",
                ["Monitoring:StalenessCheckInterval"] = "00:00:20",
                ["Monitoring:MaxAgents"] = "7",
                ["Monitoring:MaxAgentLabels"] = "4",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring(configuration.GetSection("Monitoring"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MultiAgentMonitoringOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(3), options.StaleAfter);
        Assert.Equal(TimeSpan.FromSeconds(20), options.StalenessCheckInterval);
        Assert.Equal(7, options.MaxAgents);
        Assert.Equal(4, options.MaxAgentLabels);
    }

    [Fact]
    public void AddMultiAgentMonitoring_ConfigurationMissingKeys_KeepsDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MaxAgents"] = "9" })
            .Build();
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MultiAgentMonitoringOptions>>().Value;
        Assert.Equal(9, options.MaxAgents);
        Assert.Equal(TimeSpan.FromSeconds(90), options.StaleAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StalenessCheckInterval);
    }

    private static (int Registry, int Concrete, int Hosted, int Validators, int Time, int Meters) CountCoreDescriptors(ServiceCollection services) => (
        services.Count(d => d.ServiceType == typeof(IAgentRegistry)),
        services.Count(d => d.ServiceType == typeof(AgentRegistry)),
        services.Count(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AgentStalenessService)),
        services.Count(d => d.ServiceType == typeof(IValidateOptions<MultiAgentMonitoringOptions>)),
        services.Count(d => d.ServiceType == typeof(TimeProvider)),
        services.Count(d => d.ServiceType == typeof(IMeterFactory)));

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
