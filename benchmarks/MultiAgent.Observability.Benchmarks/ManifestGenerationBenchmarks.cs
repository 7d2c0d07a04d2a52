using System.Globalization;
using BenchmarkDotNet.Attributes;
using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// A 100-agent system (mesh on, callers, routing rules on every tenth agent) to a complete bundle in memory:
/// validation, every object, YAML rendering, and the file layout. Target: at most 100 ms. The validation alone is
/// measured on the same 100 agents and on 1,000 (ten times the agents: a linear check takes ten times as long), and
/// on 1,000 agents that each name a caller that is no agent (each such problem suggests the closest agent id).
/// </summary>
[MemoryDiagnoser]
public class ManifestGenerationBenchmarks
{
    private readonly ManifestGenerator _generator = new();
    private SystemDescription _system = null!;
    private SystemDescription _system1000 = null!;
    private SystemDescription _unknownCallers1000 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = Create(100);
        _system1000 = Create(1000);
        _unknownCallers1000 = _system1000 with
        {
            Agents = [.. _system1000.Agents.Select(a => a with { Callers = ["unknown-" + a.Id] })],
        };
    }

    [Benchmark(Baseline = true)]
    public int GenerateBundle100Agents() => _generator.Generate(_system).Files.Count;

    [Benchmark]
    public int Validate100Agents() => SystemDescriptionValidator.Validate(_system).Count;

    [Benchmark]
    public int Validate1000Agents() => SystemDescriptionValidator.Validate(_system1000).Count;

    [Benchmark]
    public int Validate1000AgentsUnknownCallers() => SystemDescriptionValidator.Validate(_unknownCallers1000).Count;

    private static SystemDescription Create(int count)
    {
        var agents = new List<AgentDescription>(count);
        for (var i = 0; i < count; i++)
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

        return new SystemDescription { Name = "benchmark-system", Namespace = "agents", Agents = agents };
    }
}
