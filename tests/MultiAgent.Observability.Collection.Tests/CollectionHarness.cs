using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>A service provider with collection over a <see cref="FakeTimeProvider"/>, and a way to wait for collection rounds.</summary>
internal sealed class CollectionHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly ConcurrentQueue<(AgentId Id, bool Succeeded)> _collected = new();
    private readonly SemaphoreSlim _signal = new(0);

    public CollectionHarness(Action<AgentCollectionOptions>? configure = null, TimeProvider? time = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time ?? Time);
        services.AddMultiAgentMonitoring().AddAgentCollection(o =>
        {
            o.SpreadScrapes = false;
            o.HostMetrics = false;
            configure?.Invoke(o);
        });
        _provider = services.BuildServiceProvider(validateScopes: true);
        Collector = _provider.GetRequiredService<AgentCollector>();
        Collector.Collected += (id, ok) =>
        {
            _collected.Enqueue((id, ok));
            _signal.Release();
        };
    }

    public FakeTimeProvider Time { get; }

    public AgentCollector Collector { get; }

    public IAgentRegistry Registry => _provider.GetRequiredService<IAgentRegistry>();

    public IMetricReader Reader => _provider.GetRequiredService<IMetricReader>();

    public IFleetOverview Overview => _provider.GetRequiredService<IFleetOverview>();

    public IServiceProvider Services => _provider;

    public Task StartAsync() => Collector.StartAsync(CancellationToken.None);

    public AgentRegistration Register(string id, Uri? metrics, Uri? health = null) =>
        Registry.Register(new AgentInfo(AgentId.Parse(id)) { MetricsEndpoint = metrics, HealthEndpoint = health });

    /// <summary>Waits until the given agents have each finished one more collection; the bound only keeps a broken test from hanging.</summary>
    public async Task<Dictionary<string, bool>> WaitForAsync(params string[] agents)
    {
        var pending = new HashSet<string>(agents);
        var results = new Dictionary<string, bool>();
        while (pending.Count > 0)
        {
            if (!await _signal.WaitAsync(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"no collection of {string.Join(", ", pending)}");
            }

            while (_collected.TryDequeue(out var item))
            {
                if (pending.Remove(item.Id.Value))
                {
                    results[item.Id.Value] = item.Succeeded;
                }
            }
        }

        return results;
    }

    /// <summary>Forgets collections reported so far.</summary>
    public void Drain()
    {
        while (_collected.TryDequeue(out _))
        {
            _signal.Wait(0);
        }
    }

    public MetricSeriesInfo? Find(string agent, string name) =>
        Reader.ListSeries().FirstOrDefault(s => s.AgentId == agent && s.Name == name);

    public async ValueTask DisposeAsync()
    {
        await Collector.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
