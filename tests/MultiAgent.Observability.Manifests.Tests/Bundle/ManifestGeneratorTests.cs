using k8s;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Tests.Bundle;

public sealed class ManifestGeneratorTests
{
    private readonly ManifestGenerator _generator = new();

    [Fact]
    public void Generate_SmallSystem_MatchesGoldenFiles() =>
        GoldenFiles.AssertMatches("small", _generator.Generate(TestSystems.Small).Files);

    [Fact]
    public void Generate_SmallSystemAsOneFile_MatchesGoldenFiles() =>
        GoldenFiles.AssertMatches("small-single-file", _generator.Generate(TestSystems.Small).GetFiles(BundleLayout.SingleFile));

    [Fact]
    public void Generate_LargeSystem_MatchesGoldenFiles() =>
        GoldenFiles.AssertMatches("large", _generator.Generate(TestSystems.Large).Files);

    [Fact]
    public void Generate_SameDescriptionTwice_ByteIdenticalFiles()
    {
        var first = _generator.Generate(TestSystems.Large);
        var second = new ManifestGenerator().Generate(TestSystems.Large with { });

        Assert.Equal(first.Files, second.Files);
        Assert.Equal(first.GetFiles(BundleLayout.SingleFile), second.GetFiles(BundleLayout.SingleFile));
    }

    [Fact]
    public void Generate_AgentsInAnotherOrder_SameFiles()
    {
        var reversed = TestSystems.Large with { Agents = [.. TestSystems.Large.Agents.Reverse()] };

        Assert.Equal(_generator.Generate(TestSystems.Large).Files, _generator.Generate(reversed).Files);
    }

    [Fact]
    public void Generate_UnderACommaDecimalCulture_SameFiles()
    {
        var expected = _generator.Generate(TestSystems.Large).Files;
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal(expected, _generator.Generate(TestSystems.Large).Files);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Generate_AnyBundle_LfOnlyTrailingNewlineNoTimestamps()
    {
        foreach (var file in _generator.Generate(TestSystems.Large).Files)
        {
            Assert.DoesNotContain('\r', file.Content);
            Assert.EndsWith("\n", file.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("2026", file.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("deployment_id", file.Content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_InvalidDescription_ThrowsWithEveryProblem()
    {
        var bad = TestSystems.Large with
        {
            Agents =
            [
                .. TestSystems.Large.Agents.Skip(1),
                new AgentDescription { Id = "Bad_Id", Image = "ghcr.io/acme/x", Tag = "1" },
                TestSystems.Large.Agents[0] with { Resources = new ResourceDescription { MemoryLimit = "1GB" } },
            ],
        };

        var exception = Assert.Throws<InvalidSystemDescriptionException>(() => _generator.Generate(bad));

        Assert.Contains(exception.Problems, p => p.Path.Contains("agent_id", StringComparison.Ordinal) && p.Message.Contains("Bad_Id", StringComparison.Ordinal));
        Assert.Contains(exception.Problems, p => p.Path.Contains("memory_limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_Null_Throws() => Assert.Throws<ArgumentNullException>(() => _generator.Generate(null!));

    [Fact]
    public void Generate_MeshOff_NoIstioObjectsNorSidecarSettings()
    {
        var bundle = _generator.Generate(TestSystems.Small);

        Assert.Empty(bundle.MeshDocuments);
        Assert.DoesNotContain(bundle.Documents, d => d.ApiVersion.Contains("istio", StringComparison.Ordinal));
        Assert.DoesNotContain("istio", string.Concat(bundle.Documents.Select(d => d.Yaml)), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MeshOn_EveryAgentHasIstioObjects()
    {
        var bundle = _generator.Generate(TestSystems.Large);

        foreach (var agent in TestSystems.Large.Agents)
        {
            foreach (var kind in new[] { "VirtualService", "DestinationRule", "AuthorizationPolicy", "PeerAuthentication" })
            {
                Assert.Contains(bundle.MeshDocuments, d => d.Kind == kind && d.Name == "agent-" + agent.Id);
            }
        }

        Assert.Contains(bundle.MeshDocuments, d => d.Kind == "AuthorizationPolicy" && d.Name == "allow-nothing" && d.Yaml.EndsWith("spec: {}\n", StringComparison.Ordinal));
        Assert.Contains(bundle.MeshDocuments, d => d.Kind == "PeerAuthentication" && d.Name == "default" && d.Yaml.Contains("mode: STRICT", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_AnyBundle_OnlyStableApiVersions()
    {
        var bundle = _generator.Generate(TestSystems.Large);
        var expected = new HashSet<string>(["v1", "apps/v1", "autoscaling/v2", "policy/v1", "networking.k8s.io/v1", "networking.istio.io/v1", "security.istio.io/v1", "monitoring.coreos.com/v1"]);

        foreach (var document in bundle.Documents)
        {
            Assert.Contains(document.ApiVersion, expected);
            Assert.StartsWith($"apiVersion: {document.ApiVersion}\nkind: {document.Kind}\nmetadata:\n", document.Yaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_AutoscaledAgent_DeploymentOmitsReplicasAndHasHpaWithBehavior()
    {
        var bundle = _generator.Generate(TestSystems.Large);
        var coordinator = bundle.Agents.Single(a => a.AgentId == "coordinator");

        var deployment = KubernetesYaml.Deserialize<V1Deployment>(coordinator.Documents.Single(d => d.Kind == "Deployment").Yaml);
        var hpa = KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(coordinator.Documents.Single(d => d.Kind == "HorizontalPodAutoscaler").Yaml);

        Assert.Null(deployment.Spec.Replicas);
        Assert.Equal(2, hpa.Spec.MinReplicas);
        Assert.Equal(6, hpa.Spec.MaxReplicas);
        Assert.NotNull(hpa.Spec.Behavior.ScaleDown);
        Assert.Equal("ContainerResource", hpa.Spec.Metrics[0].Type);
        Assert.Equal("agent", hpa.Spec.Metrics[0].ContainerResource.Container);
    }

    [Fact]
    public void Generate_FixedReplicas_DeploymentHasReplicasAndNoHpa()
    {
        var critic = _generator.Generate(TestSystems.Large).Agents.Single(a => a.AgentId == "critic");

        Assert.Contains("\n  replicas: 2\n", critic.Documents.Single(d => d.Kind == "Deployment").Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(critic.Documents, d => d.Kind == "HorizontalPodAutoscaler");
    }

    [Fact]
    public void Generate_SingleReplica_NoDisruptionBudgetNorSpread()
    {
        var system = TestSystems.Small with { Agents = [TestSystems.Small.Agents[0] with { Scaling = new ScalingDescription { Autoscale = false, InitialReplicas = 1 } }] };

        var agent = _generator.Generate(system).Agents.Single();

        Assert.DoesNotContain(agent.Documents, d => d.Kind == "PodDisruptionBudget");
        Assert.DoesNotContain("topologySpreadConstraints", agent.Documents.Single(d => d.Kind == "Deployment").Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_HpaMetricWithoutMesh_IsPodResource()
    {
        var system = TestSystems.Small with { Agents = [TestSystems.Small.Agents[0] with { Scaling = new ScalingDescription() }] };

        var hpa = KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(_generator.Generate(system).Agents[0].Documents.Single(d => d.Kind == "HorizontalPodAutoscaler").Yaml);

        Assert.Equal("Resource", hpa.Spec.Metrics[0].Type);
    }

    [Fact]
    public void Generate_AmbiguousEnvironmentValues_ReadBackAsTheSameStrings()
    {
        var yaml = _generator.Generate(TestSystems.Large).Agents.Single(a => a.AgentId == "coordinator").Documents.Single(d => d.Kind == "Deployment").Yaml;

        var env = KubernetesYaml.Deserialize<V1Deployment>(yaml).Spec.Template.Spec.Containers[0].Env;

        foreach (var (name, value) in TestSystems.AmbiguousEnvironment)
        {
            Assert.Equal(value, env.Single(e => e.Name == name).Value);
        }

        foreach (var quoted in new[] { "on", "off", "no", "yes", "y", "true", "1e3", "0777", "0x1F", "1:30", "~", "null", "8080", "3.14", "", "2001-12-14", ".inf", "+12", "1_000", "2.0.0", "---" })
        {
            Assert.Contains($"value: \"{quoted}\"\n", yaml, StringComparison.Ordinal);
        }

        Assert.Contains("value: 30s\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ServiceMonitor_PortIsAServicePortNameOfItsAgent()
    {
        var bundle = _generator.Generate(TestSystems.Large);

        foreach (var agent in bundle.Agents)
        {
            var service = KubernetesYaml.Deserialize<V1Service>(agent.Documents.Single(d => d.Kind == "Service").Yaml);
            var monitor = bundle.MonitoringDocuments.Single(d => d.Kind == "ServiceMonitor" && d.Name == "agent-" + agent.AgentId).Yaml;
            var port = monitor.Split('\n').Single(l => l.TrimStart().StartsWith("- port: ", StringComparison.Ordinal)).Trim()[8..];

            Assert.Contains(service.Spec.Ports, p => p.Name == port);
            Assert.Contains("release: prom\n", monitor, StringComparison.Ordinal);
            Assert.Contains("replacement: " + agent.AgentId + "\n", monitor, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_TargetMemory_HpaScalesOnCpuAndMemory()
    {
        var system = TestSystems.Small with { Agents = [TestSystems.Small.Agents[0] with { Scaling = new ScalingDescription { TargetMemory = 80 } }] };

        var hpa = KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(_generator.Generate(system).Agents[0].Documents.Single(d => d.Kind == "HorizontalPodAutoscaler").Yaml);

        Assert.Equal(["cpu", "memory"], hpa.Spec.Metrics.Select(m => m.Resource.Name));
        Assert.Equal([70, 80], hpa.Spec.Metrics.Select(m => m.Resource.Target.AverageUtilization));
        Assert.All(hpa.Spec.Metrics, m => Assert.Equal("Utilization", m.Resource.Target.Type));
    }

    [Fact]
    public void Generate_TargetMemoryWithMesh_MemoryMetricIsTheAgentContainerOnly()
    {
        var researcher = _generator.Generate(TestSystems.Large).Agents.Single(a => a.AgentId == "researcher");

        var hpa = KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(researcher.Documents.Single(d => d.Kind == "HorizontalPodAutoscaler").Yaml);

        var memory = Assert.Single(hpa.Spec.Metrics, m => m.ContainerResource?.Name == "memory");
        Assert.Equal("ContainerResource", memory.Type);
        Assert.Equal(80, memory.ContainerResource.Target.AverageUtilization);
    }

    [Fact]
    public void Generate_HeaderStringMatches_BecomeIstioExactPrefixAndRegex()
    {
        var yaml = _generator.Generate(TestSystems.Large).MeshDocuments.Single(d => d.Kind == "VirtualService" && d.Name == "agent-researcher").Yaml;

        var chaos = yaml.Split("\n  - name: ").Single(r => r.Contains("prefix: /chaos", StringComparison.Ordinal));
        Assert.Contains("x-chaos:\n          regex: ^(on|yes)$", chaos, StringComparison.Ordinal);
        Assert.Contains("x-tenant:\n          prefix: test-", chaos, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Routing_WeightsSplitOneRouteAndFaultsNeverRetry()
    {
        var yaml = _generator.Generate(TestSystems.Large).MeshDocuments.Single(d => d.Kind == "VirtualService" && d.Name == "agent-researcher").Yaml;

        Assert.Contains("weight: 90", yaml, StringComparison.Ordinal);
        Assert.Contains("weight: 10", yaml, StringComparison.Ordinal);
        Assert.Contains("exact: \"true\"", yaml, StringComparison.Ordinal);
        var routes = yaml.Split("\n  - name: ");
        var chaos = routes.Single(r => r.Contains("prefix: /chaos", StringComparison.Ordinal));
        Assert.Contains("fault:", chaos, StringComparison.Ordinal);
        Assert.DoesNotContain("retries:", chaos, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout:", chaos, StringComparison.Ordinal);
        Assert.StartsWith("default\n", routes[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DestinationRule_UsesConsecutive5xxErrorsAndDeclaredBalancer()
    {
        var bundle = _generator.Generate(TestSystems.Large);

        foreach (var rule in bundle.MeshDocuments.Where(d => d.Kind == "DestinationRule"))
        {
            Assert.Contains("consecutive5xxErrors: 5", rule.Yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("consecutiveErrors", rule.Yaml, StringComparison.Ordinal);
            Assert.Contains(rule.Name == "agent-planner" ? "simple: ROUND_ROBIN" : "simple: LEAST_REQUEST", rule.Yaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_AuthorizationPolicy_AllowsOnlyDeclaredCallersByPrincipal()
    {
        var yaml = _generator.Generate(TestSystems.Large).MeshDocuments.Single(d => d.Kind == "AuthorizationPolicy" && d.Name == "agent-researcher").Yaml;

        Assert.Contains("- cluster.local/ns/agents/sa/agent-coordinator\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- cluster.local/ns/agents/sa/agent-planner\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("sa/agent-writer", yaml, StringComparison.Ordinal);
        Assert.Contains("- /metrics\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NoCpuLimit_CpuRecordingRuleUsesTheRequest()
    {
        var system = TestSystems.Small with { Agents = [TestSystems.Small.Agents[0] with { Resources = new ResourceDescription { CpuRequest = "1500m", CpuLimit = null } }] };

        var bundle = _generator.Generate(system);
        var rules = bundle.Files.Single(f => f.Path == "prometheus/solo-system.rules.yaml").Content;
        var deployment = bundle.Agents[0].Documents.Single(d => d.Kind == "Deployment").Yaml;

        Assert.Contains("expr: vector(1.5)", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("cpu: \"1\"", deployment, StringComparison.Ordinal);
        Assert.Single(KubernetesYaml.Deserialize<V1Deployment>(deployment).Spec.Template.Spec.Containers[0].Resources.Limits);
    }

    [Fact]
    public void Generate_Quantities_AreCanonical()
    {
        var researcher = _generator.Generate(TestSystems.Large).Agents.Single(a => a.AgentId == "researcher").Documents.Single(d => d.Kind == "Deployment").Yaml;

        Assert.Contains("memory: 1536Mi", researcher, StringComparison.Ordinal);
        Assert.Contains("cpu: 500m", researcher, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Kustomization_ListsEveryKubernetesFileInApplyOrder()
    {
        var files = _generator.Generate(TestSystems.Large).Files;
        var kustomization = files.Single(f => f.Path == ManifestBundle.KustomizationFileName).Content;
        var yamlFiles = files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.Contains('/', StringComparison.Ordinal) && f.Path != ManifestBundle.KustomizationFileName).Select(f => f.Path).ToList();

        Assert.Equal(yamlFiles.Order(StringComparer.Ordinal), yamlFiles);
        Assert.Equal(string.Concat(yamlFiles.Select(f => "- " + f + "\n")), kustomization[kustomization.IndexOf("- ", StringComparison.Ordinal)..]);
    }
}
