using System.Globalization;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>
/// Builds an agent's Deployment: Pod Security <c>restricted</c> by default, named ports, startup/liveness/readiness
/// probes on those names, requests and a memory limit, topology spread, and no <c>replicas</c> when autoscaled.
/// </summary>
internal static class DeploymentFactory
{
    /// <summary>UID and GID 10001: non-root and at least 10000, as kube-score and checkov ask.</summary>
    internal const long RunAsId = 10001;

    public static V1Deployment Create(AgentIdentity agent)
    {
        var description = agent.Agent;
        var spreadAndAffinity = agent.MinimumReplicas >= 2;
        return new V1Deployment
        {
            ApiVersion = ApiVersions.Apps,
            Kind = "Deployment",
            Metadata = agent.Metadata(),
            Spec = new V1DeploymentSpec
            {
                // An HPA owns the replica count; a replicas field would reset it on every apply.
                Replicas = description.Scaling.Autoscale ? null : description.Scaling.InitialReplicas,
                RevisionHistoryLimit = 5,
                Selector = new V1LabelSelector { MatchLabels = agent.CopySelector() },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = 0 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = agent.CopyLabels(), Annotations = PodAnnotations(agent) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = agent.ObjectName,
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        TerminationGracePeriodSeconds = 60,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = RunAsId,
                            RunAsGroup = RunAsId,
                            FsGroup = RunAsId,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Containers = [Container(agent)],
                        Volumes =
                        [
                            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } },
                        ],
                        TopologySpreadConstraints = spreadAndAffinity
                            ? [Spread(agent, "topology.kubernetes.io/zone"), Spread(agent, "kubernetes.io/hostname")]
                            : null,
                        Affinity = spreadAndAffinity ? AntiAffinity(agent) : null,
                    },
                },
            },
        };
    }

    private static Dictionary<string, string> PodAnnotations(AgentIdentity agent) => WellKnownLabels.Sorted(
    [
        new("prometheus.io/path", agent.Agent.MetricsPath),
        new("prometheus.io/port", agent.MetricsContainerPort.Port.ToString(CultureInfo.InvariantCulture)),
        new("prometheus.io/scrape", "true"),
    ]);

    private static V1Container Container(AgentIdentity agent)
    {
        var description = agent.Agent;
        var health = description.HealthCheck;
        var ports = new List<V1ContainerPort>(description.Ports.Count + 1);
        foreach (var port in description.Ports)
        {
            ports.Add(new V1ContainerPort { Name = port.Name, ContainerPort = port.Port, Protocol = "TCP" });
        }

        if (description.MetricsPort is { } metrics)
        {
            ports.Add(new V1ContainerPort { Name = metrics.Name, ContainerPort = metrics.Port, Protocol = "TCP" });
        }

        return new V1Container
        {
            Name = WellKnownLabels.ContainerName,
            Image = agent.Image,

            // Always re-resolves a moved tag and re-checks pull secrets; with a digest it costs one manifest request.
            ImagePullPolicy = "Always",
            Ports = ports,
            Env = Environment(agent),
            Resources = Resources(description.Resources),
            StartupProbe = Probe(health.StartupPath ?? health.Path, health.PortName, periodSeconds: 5, failureThreshold: 36),
            LivenessProbe = Probe(health.Path, health.PortName, periodSeconds: 10, failureThreshold: 3),
            ReadinessProbe = Probe(health.ReadinessPath, health.PortName, periodSeconds: 5, failureThreshold: 3),
            Lifecycle = SupportsSleepAction(agent.System.ClusterVersion)
                ? new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = 10 } } }
                : null,
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                Privileged = false,
                ReadOnlyRootFilesystem = true,
                RunAsNonRoot = true,
                RunAsUser = RunAsId,
                RunAsGroup = RunAsId,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        };
    }

    private static List<V1EnvVar> Environment(AgentIdentity agent)
    {
        var env = new List<V1EnvVar>(agent.Agent.Environment.Count + 3)
        {
            new() { Name = ManifestConventions.AgentIdVariable, Value = agent.Id },
            new() { Name = ManifestConventions.NamespaceVariable, ValueFrom = FieldRef("metadata.namespace") },
            new() { Name = ManifestConventions.PodNameVariable, ValueFrom = FieldRef("metadata.name") },
        };
        foreach (var pair in agent.Agent.Environment)
        {
            env.Add(new V1EnvVar { Name = pair.Key, Value = pair.Value });
        }

        return env;
    }

    private static V1EnvVarSource FieldRef(string path) =>
        new() { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = path } };

    private static V1ResourceRequirements Resources(ResourceDescription resources)
    {
        var limits = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (resources.CpuLimit is { } cpuLimit)
        {
            limits["cpu"] = Quantity(cpuLimit);
        }

        limits["memory"] = Quantity(resources.MemoryLimit);
        return new V1ResourceRequirements
        {
            Limits = limits,
            Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
            {
                ["cpu"] = Quantity(resources.CpuRequest),
                ["memory"] = Quantity(resources.MemoryRequest),
            },
        };
    }

    /// <summary>The quantity in the canonical form Kubernetes stores (<c>1.5Gi</c> becomes <c>1536Mi</c>), by the one
    /// grammar the validator also checks with; KubernetesClient's own parser accepts <c>1 Gi</c> and misprints negatives.</summary>
    internal static ResourceQuantity Quantity(string value) => new(KubernetesQuantity.Canonical(value));

    private static V1Probe Probe(string path, string portName, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = portName, Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 2,
        FailureThreshold = failureThreshold,
        SuccessThreshold = 1,
    };

    private static V1TopologySpreadConstraint Spread(AgentIdentity agent, string topologyKey) => new()
    {
        MaxSkew = 1,
        TopologyKey = topologyKey,
        WhenUnsatisfiable = "ScheduleAnyway",
        LabelSelector = new V1LabelSelector { MatchLabels = agent.CopySelector() },
        MatchLabelKeys = ["pod-template-hash"],
    };

    private static V1Affinity AntiAffinity(AgentIdentity agent) => new()
    {
        PodAntiAffinity = new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new V1WeightedPodAffinityTerm
                {
                    Weight = 100,
                    PodAffinityTerm = new V1PodAffinityTerm
                    {
                        TopologyKey = "kubernetes.io/hostname",
                        LabelSelector = new V1LabelSelector { MatchLabels = agent.CopySelector() },
                    },
                },
            ],
        },
    };

    /// <summary>The preStop sleep action is on by default from Kubernetes 1.30 (beta) and stable in 1.34.</summary>
    internal static bool SupportsSleepAction(string clusterVersion)
    {
        var parts = clusterVersion.TrimStart('v').Split('.');
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            && (major > 1 || (major == 1 && minor >= 30));
    }
}
