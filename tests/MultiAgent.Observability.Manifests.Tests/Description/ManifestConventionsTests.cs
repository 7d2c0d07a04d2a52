using k8s;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Tests;

/// <summary>The validator refuses exactly the names the generator emits itself: both read them from <see cref="ManifestConventions"/>.</summary>
public sealed class ManifestConventionsTests
{
    private static readonly AgentDescription s_agent = new() { Id = "planner", Image = "ghcr.io/acme/planner", Tag = "1.0.0" };

    [Fact]
    public void Generate_Deployment_SetsTheReservedEnvironmentNamesFirst()
    {
        var deployment = Deployment(s_agent);

        var names = deployment.Spec.Template.Spec.Containers[0].Env.Select(e => e.Name).Take(ManifestConventions.ReservedEnvironmentNames.Count);
        Assert.Equal(ManifestConventions.ReservedEnvironmentNames, names);
    }

    [Fact]
    public void Validate_ReservedEnvironmentName_IsRefused()
    {
        foreach (var name in ManifestConventions.ReservedEnvironmentNames)
        {
            var problems = SystemDescriptionValidator.Validate(System(s_agent with { Environment = [new(name, "x")] }));

            Assert.Contains(problems, p => p.Path == $"agents[0].environment.{name}" && p.Message.Contains("set by the generator", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Generate_Labels_AllRecommendedOnesUseTheReservedPrefix()
    {
        var labels = Deployment(s_agent).Metadata.Labels;

        Assert.All(labels.Keys, key => Assert.True(ManifestConventions.IsReservedLabel(key), key));
        var problems = SystemDescriptionValidator.Validate(System(s_agent with { Labels = [new(labels.Keys.First(), "x")] }));
        Assert.Contains(problems, p => p.Message.Contains("set by the generator", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_ObjectNames_UseTheAgentPrefixTheValidatorCounts()
    {
        var bundle = new ManifestGenerator().Generate(System(s_agent));
        var longest = new string('a', KubernetesNames.MaxLabelLength - ManifestConventions.AgentObjectPrefix.Length + 1);

        Assert.All(bundle.Agents[0].Documents, d => Assert.Equal(ManifestConventions.AgentObjectName("planner"), d.Name));
        Assert.Contains(SystemDescriptionValidator.Validate(System(s_agent with { Id = longest })), p => p.Path == "agents[0].agent_id");
        Assert.Empty(SystemDescriptionValidator.Validate(System(s_agent with { Id = longest[1..] })));
    }

    [Fact]
    public void Generate_SeparateMetricsPort_IsTheReservedServicePortName()
    {
        var bundle = new ManifestGenerator().Generate(System(s_agent with { MetricsPort = new PortDescription { Name = "metrics", Port = 9090 } }));
        var service = KubernetesYaml.Deserialize<V1Service>(bundle.Agents[0].Documents.Single(d => d.Kind == "Service").Yaml);

        Assert.Contains(service.Spec.Ports, p => p.Name == ManifestConventions.SeparateMetricsServicePortName);
        var clash = System(s_agent with
        {
            Ports = [new PortDescription { Name = ManifestConventions.SeparateMetricsServicePortName, Port = 8080 }],
            HealthCheck = new HealthCheckDescription { PortName = ManifestConventions.SeparateMetricsServicePortName },
            MetricsPort = new PortDescription { Name = "metrics", Port = 9090 },
        });
        Assert.Contains(SystemDescriptionValidator.Validate(clash), p => p.Path == "agents[0].ports[0].name");
    }

    private static SystemDescription System(AgentDescription agent) => new() { Agents = [agent] };

    private static V1Deployment Deployment(AgentDescription agent) =>
        KubernetesYaml.Deserialize<V1Deployment>(new ManifestGenerator().Generate(System(agent)).Agents[0].Documents.Single(d => d.Kind == "Deployment").Yaml);
}
