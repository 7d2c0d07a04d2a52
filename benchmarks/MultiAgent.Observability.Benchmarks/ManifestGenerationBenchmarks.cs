using System.Globalization;
using BenchmarkDotNet.Attributes;
using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// A 100-agent system (mesh on, callers, routing rules on every tenth agent) to a complete bundle in memory:
/// validation, every object, YAML rendering, and the file layout. Target: at most 100 ms.
/// </summary>
[MemoryDiagnoser]
public class ManifestGenerationBenchmarks
{
    private readonly ManifestGenerator _generator = new();
    private SystemDescription _system = null!;

    [GlobalSetup]
    public void Setup()
    {
        var agents = new List<AgentDescription>(100);
        for (var i = 0; i < 100; i++)
        {
            var id = "agent" + i.ToString("000", CultureInfo.InvariantCulture);
            agents.Add(new AgentDescription
            {
                Id = id,
                Image = "ghcr.io/acme/" + id,
                Tag = "1.0." + i.ToString(CultureInfo.InvariantCulture),
                Callers = i switch { 0 => [], 1 => ["agent000"], _ => ["agent000", "agent" + (i - 1).ToString("000", CultureInfo.InvariantCulture)] },
                MetricsPort = i % 2 == 0 ? new PortDescription { Name = "metrics", Port = 9090 } : null,
                Environment = [new("MODEL", "gpt-4o"), new("TEMPERATURE", "0.2"), new("VERBOSE", "no")],
                RoutingRules = i % 10 == 0
                    ?
                    [
                        new RoutingRuleDescription { PathPrefix = "/v1/tasks", RetryPolicy = new RetryPolicyDescription() },
                        new RoutingRuleDescription { Headers = [new() { Name = "x-chaos", Value = "on" }], FaultInjection = new FaultInjectionDescription { AbortHttpStatus = 503, AbortPercent = 5 } },
                    ]
                    : [],
            });
        }

        _system = new SystemDescription { Name = "benchmark-system", Namespace = "agents", Agents = agents };
    }

    [Benchmark]
    public int GenerateBundle100Agents() => _generator.Generate(_system).Files.Count;
}
