using k8s.Models;

namespace MultiAgent.Observability.Manifests.Tests.Checks;

public sealed class ScannerChecksTests
{
    private static readonly Lazy<ManifestBundle> s_large = new(() => new ManifestGenerator().Generate(TestSystems.Large));

    /// <summary>Each check with a change to a generated bundle that it must report.</summary>
    public static TheoryData<string, string> Breakages { get; } = new()
    {
        { "runAsNonRoot", "pod and container runAsNonRoot false" },
        { "allowPrivilegeEscalation", "allowPrivilegeEscalation unset" },
        { "capabilities", "capabilities not dropped" },
        { "capabilities", "SYS_ADMIN added" },
        { "seccompProfile", "pod seccomp Unconfined" },
        { "volumeTypes", "hostPath volume" },
        { "runAsUser", "runAsUser 0" },
        { "baseline", "hostNetwork" },
        { "baseline", "privileged" },
        { "baseline", "hostPort" },
        { "baseline", "probe host" },
        { "image-tag", "latest tag" },
        { "image-tag", "no tag" },
        { "image-pull-policy", "IfNotPresent" },
        { "resources", "no limits" },
        { "probes", "no readiness probe" },
        { "probes", "readiness same as liveness" },
        { "probes", "no startup probe" },
        { "probe-ports", "probe on undeclared port" },
        { "security-context", "writable root filesystem" },
        { "security-context", "low uid" },
        { "pdb", "no PDB" },
        { "pdb", "PDB maxUnavailable 0" },
        { "pdb", "PDB without eviction policy" },
        { "spread", "no anti-affinity" },
        { "spread", "no topology spread" },
        { "hpa-replicas", "replicas with HPA" },
        { "replicas", "one replica" },
        { "network-policy", "no policies" },
        { "network-policy", "dangling policy" },
        { "service", "NodePort" },
        { "service", "dangling service" },
        { "service", "bad target port" },
        { "selector", "selector with version" },
        { "selector", "selector not matching" },
        { "labels", "invalid label value" },
        { "labels", "instance mismatch" },
        { "service-account", "missing service account" },
        { "service-account", "token mounted" },
        { "env", "duplicate env" },
        { "env", "secret in env" },
    };

    [Theory]
    [MemberData(nameof(GeneratedBundles.Names), MemberType = typeof(GeneratedBundles))]
    public void Run_GeneratedBundle_FindsNothing(string name)
    {
        var findings = ScannerChecks.Run(BundleObjects.From(GeneratedBundles.Get(name)));

        Assert.True(findings.Count == 0, $"{name}:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void Run_LargeBundle_ExaminesEveryAgent()
    {
        var objects = BundleObjects.From(s_large.Value);

        // Guards against the checks passing vacuously because nothing was read back.
        Assert.Equal(TestSystems.Large.Agents.Count, objects.Deployments.Count);
        Assert.Equal(TestSystems.Large.Agents.Count, objects.Services.Count);
        Assert.NotEmpty(objects.DisruptionBudgets);
        Assert.NotEmpty(objects.Autoscalers);
        Assert.Equal(TestSystems.Large.Agents.Count + 2, objects.NetworkPolicies.Count);
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Run_BrokenObject_ReportsIt(string check, string breakage)
    {
        var objects = BundleObjects.From(s_large.Value);
        Break(objects, breakage);

        var findings = ScannerChecks.Run(objects);

        Assert.Contains(findings, f => f.Check == check);
    }

    private static void Break(BundleObjects o, string breakage)
    {
        var deployment = o.Deployments.First(d => d.Metadata.Name == "agent-researcher");
        var pod = deployment.Spec.Template.Spec;
        var container = pod.Containers[0];
        switch (breakage)
        {
            case "pod and container runAsNonRoot false": pod.SecurityContext.RunAsNonRoot = false; container.SecurityContext.RunAsNonRoot = null; break;
            case "allowPrivilegeEscalation unset": container.SecurityContext.AllowPrivilegeEscalation = null; break;
            case "capabilities not dropped": container.SecurityContext.Capabilities = null; break;
            case "SYS_ADMIN added": container.SecurityContext.Capabilities.Add = ["SYS_ADMIN"]; break;
            case "pod seccomp Unconfined": pod.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" }; break;
            case "hostPath volume": pod.Volumes.Add(new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/" } }); break;
            case "runAsUser 0": container.SecurityContext.RunAsUser = 0; break;
            case "hostNetwork": pod.HostNetwork = true; break;
            case "privileged": container.SecurityContext.Privileged = true; break;
            case "hostPort": container.Ports[0].HostPort = 80; break;
            case "probe host": container.LivenessProbe.HttpGet.Host = "example.com"; break;
            case "latest tag": container.Image = "ghcr.io/acme/researcher:latest"; break;
            case "no tag": container.Image = "ghcr.io/acme/researcher"; break;
            case "IfNotPresent": container.ImagePullPolicy = "IfNotPresent"; break;
            case "no limits": container.Resources.Limits = null; break;
            case "no readiness probe": container.ReadinessProbe = null; break;
            case "readiness same as liveness": container.ReadinessProbe.HttpGet.Path = container.LivenessProbe.HttpGet.Path; break;
            case "no startup probe": container.StartupProbe = null; break;
            case "probe on undeclared port": container.ReadinessProbe.HttpGet.Port = "admin"; break;
            case "writable root filesystem": container.SecurityContext.ReadOnlyRootFilesystem = false; break;
            case "low uid": container.SecurityContext.RunAsUser = 1000; break;
            case "no PDB": o.DisruptionBudgets.RemoveAll(p => p.Metadata.Name == "agent-researcher"); break;
            case "PDB maxUnavailable 0": o.DisruptionBudgets.First(p => p.Metadata.Name == "agent-researcher").Spec.MaxUnavailable = 0; break;
            case "PDB without eviction policy": o.DisruptionBudgets.First(p => p.Metadata.Name == "agent-researcher").Spec.UnhealthyPodEvictionPolicy = null; break;
            case "no anti-affinity": pod.Affinity = null; break;
            case "no topology spread": pod.TopologySpreadConstraints = null; break;
            case "replicas with HPA": deployment.Spec.Replicas = 3; break;
            case "one replica": o.Autoscalers.First(h => h.Metadata.Name == "agent-researcher").Spec.MinReplicas = 1; break;
            case "no policies": o.NetworkPolicies.Clear(); break;
            case "dangling policy": o.NetworkPolicies.First(p => p.Metadata.Name == "agent-researcher").Spec.PodSelector.MatchLabels["app.kubernetes.io/name"] = "nobody"; break;
            case "NodePort": o.Services.First(s => s.Metadata.Name == "agent-researcher").Spec.Type = "NodePort"; break;
            case "dangling service": o.Services.First(s => s.Metadata.Name == "agent-researcher").Spec.Selector["app.kubernetes.io/name"] = "nobody"; break;
            case "bad target port": o.Services.First(s => s.Metadata.Name == "agent-researcher").Spec.Ports[0].TargetPort = "nope"; break;
            case "selector with version":
                deployment.Spec.Selector.MatchLabels["app.kubernetes.io/version"] = deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/version"];
                break;
            case "selector not matching": deployment.Spec.Selector.MatchLabels["app.kubernetes.io/name"] = "other"; break;
            case "invalid label value": deployment.Metadata.Labels["team"] = "-bad value-"; break;
            case "instance mismatch": deployment.Metadata.Labels["app.kubernetes.io/instance"] = "researcher"; break;
            case "missing service account": o.ServiceAccounts.RemoveAll(s => s.Metadata.Name == "agent-researcher"); break;
            case "token mounted": pod.AutomountServiceAccountToken = null; break;
            case "duplicate env": container.Env.Add(new V1EnvVar { Name = "AGENT_ID", Value = "again" }); break;
            case "secret in env": container.Env.Add(new V1EnvVar { Name = "OPENAI_API_KEY", Value = "sk-123" }); break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage");
        }
    }
}
