using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Tests;

public sealed class AgentRegistryConcurrencyTests
{
    private const int ThreadCount = 4;
    private const int AgentCount = 1_000;

    [Fact]
    public void Register_FourThreadsSameThousandAgents_ExactCountAndOneNewRegistrationEventEach()
    {
        var registry = new AgentRegistry(new FakeTimeProvider(), new TestOptionsMonitor<MultiAgentMonitoringOptions>(new()));
        var ids = Enumerable.Range(0, AgentCount).Select(static i => AgentId.Parse($"agent-{i:D4}")).ToArray();
        var newRegistrations = 0;
        registry.StatusChanged += (_, e) =>
        {
            if (e.PreviousStatus is null)
            {
                Interlocked.Increment(ref newRegistrations);
            }
        };

        // Every thread walks all agents from a different offset, so each id is registered and heartbeaten by all four.
        var errors = RunOnThreads(thread =>
        {
            for (var n = 0; n < AgentCount; n++)
            {
                var id = ids[(n + (thread * AgentCount / ThreadCount)) % AgentCount];
                registry.Register(new AgentInfo(id));
                if (!registry.Heartbeat(id))
                {
                    throw new InvalidOperationException($"Heartbeat for {id} found no agent.");
                }
            }
        });

        Assert.Empty(errors);
        Assert.Equal(AgentCount, registry.Count);
        Assert.Equal(AgentCount, newRegistrations);
        var all = registry.GetAll();
        Assert.Equal(ids, all.Select(static r => r.Info.Id));
        Assert.All(all, static r => Assert.Equal(AgentStatus.Active, r.Status));
    }

    [Fact]
    public void Register_FourThreadsPastMaxAgents_AcceptsExactlyMaxAgents()
    {
        const int maxAgents = 500;
        var registry = new AgentRegistry(new FakeTimeProvider(), new TestOptionsMonitor<MultiAgentMonitoringOptions>(new() { MaxAgents = maxAgents }));
        var refused = 0;

        var errors = RunOnThreads(thread =>
        {
            for (var n = thread; n < AgentCount; n += ThreadCount)
            {
                try
                {
                    registry.Register(new AgentInfo(AgentId.Parse($"agent-{n}")));
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        });

        Assert.Empty(errors);
        Assert.Equal(maxAgents, registry.Count);
        Assert.Equal(AgentCount - maxAgents, refused);
    }

    [Fact]
    public void Heartbeat_ConcurrentWithStalenessAndUnregister_NoExceptionsAndConsistentCount()
    {
        var time = new FakeTimeProvider();
        var registry = new AgentRegistry(time, new TestOptionsMonitor<MultiAgentMonitoringOptions>(new() { StaleAfter = TimeSpan.FromSeconds(1) }));
        var ids = Enumerable.Range(0, AgentCount).Select(static i => AgentId.Parse($"agent-{i}")).ToArray();
        foreach (var id in ids)
        {
            registry.Register(new AgentInfo(id));
        }

        var errors = RunOnThreads(thread =>
        {
            for (var n = 0; n < AgentCount; n++)
            {
                var id = ids[n];
                switch (thread)
                {
                    case 0:
                        registry.Heartbeat(id);
                        break;
                    case 1:
                        registry.ReportUnhealthy(id, "probe failed");
                        break;
                    case 2:
                        registry.CheckStaleness();
                        _ = registry.GetAll();
                        break;
                    default:
                        if (n % 2 == 0)
                        {
                            registry.Unregister(id);
                        }

                        break;
                }
            }
        },
        beforeStart: () => time.Advance(TimeSpan.FromSeconds(2)));

        Assert.Empty(errors);
        Assert.Equal(AgentCount / 2, registry.Count);
        Assert.All(registry.GetAll(), static r => Assert.Equal(1, int.Parse(r.Info.Id.Value["agent-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2));
    }

    private static Exception[] RunOnThreads(Action<int> work, Action? beforeStart = null)
    {
        var errors = new ConcurrentQueue<Exception>();
        using var barrier = new Barrier(ThreadCount, _ => beforeStart?.Invoke());
        var threads = Enumerable.Range(0, ThreadCount).Select(thread => new Thread(() =>
        {
            try
            {
                barrier.SignalAndWait();
                work(thread);
            }
#pragma warning disable CA1031 // Every failure on a worker thread is collected and asserted on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                errors.Enqueue(ex);
            }
        })).ToArray();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return [.. errors];
    }
}
