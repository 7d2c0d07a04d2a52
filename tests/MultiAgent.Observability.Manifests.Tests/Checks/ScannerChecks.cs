using System.Text.RegularExpressions;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Tests.Checks;

/// <summary>A problem a check found: which check, on which object, and why.</summary>
internal sealed record Finding(string Check, string Target, string Message)
{
    public override string ToString() => $"[{Check}] {Target}: {Message}";
}

/// <summary>
/// A C# port of the Pod Security Standards <c>restricted</c> (and baseline) admission checks and of the default checks of
/// kube-score, kube-linter and Polaris listed in research/manifests.md §1.10, run over the objects read back from a
/// bundle's YAML. Where the tools overlap, one check carries all their names.
/// </summary>
internal static partial class ScannerChecks
{
    private static readonly HashSet<string> s_restrictedVolumeTypes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    /// <summary>Every check: an id naming the tools' checks it stands for, and its predicate.</summary>
    public static IReadOnlyList<(string Id, Func<BundleObjects, IEnumerable<Finding>> Run)> All { get; } =
    [
        ("pss-restricted/runAsNonRoot (kube-linter run-as-non-root, Polaris runAsRootAllowed)", RunAsNonRoot),
        ("pss-restricted/allowPrivilegeEscalation (kube-linter privilege-escalation-container, Polaris privilegeEscalationAllowed)", AllowPrivilegeEscalation),
        ("pss-restricted/capabilities (kube-linter drop-net-raw-capability, Polaris insecureCapabilities, dangerousCapabilities)", Capabilities),
        ("pss-restricted/seccompProfile (Polaris linuxHardening, checkov CKV_K8S_31)", Seccomp),
        ("pss-restricted/volumeTypes", VolumeTypes),
        ("pss-restricted/runAsUser", RunAsUser),
        ("pss-baseline/host namespaces, privileged, hostPort, probe host (kube-linter privileged-container)", Baseline),
        ("kube-score container-image-tag, kube-linter latest-tag, Polaris tagNotSpecified", ImageTag),
        ("kube-score container-image-pull-policy, Polaris pullPolicyNotAlways", ImagePullPolicy),
        ("kube-score container-resources, kube-linter unset-cpu-requirements, unset-memory-requirements, Polaris cpu/memory requests/limits", Resources),
        ("kube-score pod-probes, Polaris readinessProbeMissing, livenessProbeMissing", Probes),
        ("kube-linter liveness-port, readiness-port, startup-port", ProbePorts),
        ("kube-score container-security-context, kube-linter no-read-only-root-fs, Polaris notReadOnlyRootFilesystem", SecurityContext),
        ("kube-score deployment-has-poddisruptionbudget, kube-linter pdb-*, Polaris missingPodDisruptionBudget, pdbDisruptionsIsZero", DisruptionBudget),
        ("kube-score deployment-has-host-podantiaffinity, kube-linter no-anti-affinity, Polaris topologySpreadConstraint", Spread),
        ("kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured", HpaWithoutReplicas),
        ("Polaris deploymentMissingReplicas, hpaMinAvailability, hpaMaxAvailability", Replicas),
        ("kube-score pod-networkpolicy, networkpolicy-targets-pod, Polaris missingNetworkPolicy", NetworkPolicies),
        ("kube-score service-targets-pod, service-type, kube-linter dangling-service, invalid-target-ports", Services),
        ("kube-linter mismatching-selector; selector without version", Selectors),
        ("kube-score label-values, Polaris metadataAndInstanceMismatched", Labels),
        ("kube-linter non-existent-service-account, deprecated-service-account-field, Polaris automountServiceAccountToken", ServiceAccounts),
        ("kube-linter duplicate-env-var, env-var-secret, Polaris sensitiveContainerEnvVar", Environment),
    ];

    public static List<Finding> Run(BundleObjects objects)
    {
        var findings = new List<Finding>();
        foreach (var (_, run) in All)
        {
            findings.AddRange(run(objects));
        }

        return findings;
    }

    public static List<Finding> Run(BundleObjects objects, string checkId)
    {
        foreach (var (id, run) in All)
        {
            if (id == checkId)
            {
                return [.. run(objects)];
            }
        }

        throw new ArgumentException("no check " + checkId, nameof(checkId));
    }

    private static string Name(V1Deployment d) => "Deployment " + d.Metadata.NamespaceProperty + "/" + d.Metadata.Name;

    private static IEnumerable<V1Container> AllContainers(V1PodSpec pod) =>
        pod.InitContainers is null ? pod.Containers : pod.Containers.Concat(pod.InitContainers);

    private static int EffectiveMinReplicas(BundleObjects o, V1Deployment d)
    {
        var hpa = o.Autoscalers.FirstOrDefault(h => h.Spec.ScaleTargetRef.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == d.Metadata.Name);
        return hpa is not null ? hpa.Spec.MinReplicas ?? 1 : d.Spec.Replicas ?? 1;
    }

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is not null && labels is not null && selector.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value);

    private static IEnumerable<Finding> RunAsNonRoot(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var pod = d.Spec.Template.Spec;
            var podNonRoot = pod.SecurityContext?.RunAsNonRoot;
            foreach (var c in AllContainers(pod))
            {
                var value = c.SecurityContext?.RunAsNonRoot ?? podNonRoot;
                if (value != true || c.SecurityContext?.RunAsNonRoot == false || podNonRoot == false)
                {
                    yield return new("runAsNonRoot", Name(d), $"container {c.Name} may run as root (runAsNonRoot is not true)");
                }
            }
        }
    }

    private static IEnumerable<Finding> AllowPrivilegeEscalation(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in AllContainers(d.Spec.Template.Spec))
            {
                if (c.SecurityContext?.AllowPrivilegeEscalation != false)
                {
                    yield return new("allowPrivilegeEscalation", Name(d), $"container {c.Name} must set allowPrivilegeEscalation: false");
                }
            }
        }
    }

    private static IEnumerable<Finding> Capabilities(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in AllContainers(d.Spec.Template.Spec))
            {
                var caps = c.SecurityContext?.Capabilities;
                if (caps?.Drop is null || !caps.Drop.Contains("ALL"))
                {
                    yield return new("capabilities", Name(d), $"container {c.Name} must drop ALL capabilities");
                }

                foreach (var add in caps?.Add ?? [])
                {
                    if (add != "NET_BIND_SERVICE")
                    {
                        yield return new("capabilities", Name(d), $"container {c.Name} adds capability {add}");
                    }
                }
            }
        }
    }

    private static IEnumerable<Finding> Seccomp(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var pod = d.Spec.Template.Spec;
            var podType = pod.SecurityContext?.SeccompProfile?.Type;
            if (podType is not ("RuntimeDefault" or "Localhost"))
            {
                yield return new("seccompProfile", Name(d), "pod seccompProfile.type must be RuntimeDefault or Localhost (checkov reads the pod level)");
            }

            foreach (var c in AllContainers(pod))
            {
                if (c.SecurityContext?.SeccompProfile?.Type is { } type && type is not ("RuntimeDefault" or "Localhost"))
                {
                    yield return new("seccompProfile", Name(d), $"container {c.Name} sets seccompProfile {type}");
                }
            }
        }
    }

    private static IEnumerable<Finding> VolumeTypes(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var v in d.Spec.Template.Spec.Volumes ?? [])
            {
                var types = new List<string>();
                if (v.ConfigMap is not null) types.Add("configMap");
                if (v.Csi is not null) types.Add("csi");
                if (v.DownwardAPI is not null) types.Add("downwardAPI");
                if (v.EmptyDir is not null) types.Add("emptyDir");
                if (v.Ephemeral is not null) types.Add("ephemeral");
                if (v.PersistentVolumeClaim is not null) types.Add("persistentVolumeClaim");
                if (v.Projected is not null) types.Add("projected");
                if (v.Secret is not null) types.Add("secret");
                if (types.Count != 1 || !s_restrictedVolumeTypes.Contains(types[0]))
                {
                    yield return new("volumeTypes", Name(d), $"volume {v.Name} is not one of the restricted volume types");
                }
            }
        }
    }

    private static IEnumerable<Finding> RunAsUser(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var pod = d.Spec.Template.Spec;
            if (pod.SecurityContext?.RunAsUser == 0)
            {
                yield return new("runAsUser", Name(d), "pod runAsUser is 0");
            }

            foreach (var c in AllContainers(pod))
            {
                if (c.SecurityContext?.RunAsUser == 0)
                {
                    yield return new("runAsUser", Name(d), $"container {c.Name} runAsUser is 0");
                }
            }
        }
    }

    private static IEnumerable<Finding> Baseline(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var pod = d.Spec.Template.Spec;
            if (pod.HostNetwork == true || pod.HostPID == true || pod.HostIPC == true)
            {
                yield return new("baseline", Name(d), "pod shares a host namespace");
            }

            foreach (var v in pod.Volumes ?? [])
            {
                if (v.HostPath is not null)
                {
                    yield return new("baseline", Name(d), $"volume {v.Name} is a hostPath");
                }
            }

            foreach (var c in AllContainers(pod))
            {
                if (c.SecurityContext?.Privileged == true)
                {
                    yield return new("baseline", Name(d), $"container {c.Name} is privileged");
                }

                foreach (var p in c.Ports ?? [])
                {
                    if (p.HostPort is > 0)
                    {
                        yield return new("baseline", Name(d), $"container {c.Name} uses hostPort {p.HostPort}");
                    }
                }

                foreach (var probe in new[] { c.LivenessProbe, c.ReadinessProbe, c.StartupProbe })
                {
                    if (!string.IsNullOrEmpty(probe?.HttpGet?.Host) || !string.IsNullOrEmpty(probe?.TcpSocket?.Host))
                    {
                        yield return new("baseline", Name(d), $"container {c.Name} has a probe with a host");
                    }
                }
            }
        }
    }

    private static IEnumerable<Finding> ImageTag(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in AllContainers(d.Spec.Template.Spec))
            {
                var image = c.Image ?? string.Empty;
                if (image.Contains('@', StringComparison.Ordinal))
                {
                    continue;
                }

                var slash = image.LastIndexOf('/');
                var colon = image.LastIndexOf(':');
                if (colon <= slash || image[(colon + 1)..] == "latest")
                {
                    yield return new("image-tag", Name(d), $"container {c.Name} image {image} has no version tag or digest");
                }
            }
        }
    }

    private static IEnumerable<Finding> ImagePullPolicy(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in AllContainers(d.Spec.Template.Spec))
            {
                if (c.ImagePullPolicy != "Always")
                {
                    yield return new("image-pull-policy", Name(d), $"container {c.Name} imagePullPolicy is {c.ImagePullPolicy ?? "unset"}, not Always");
                }
            }
        }
    }

    private static IEnumerable<Finding> Resources(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in AllContainers(d.Spec.Template.Spec))
            {
                foreach (var (kind, map) in new[] { ("requests", c.Resources?.Requests), ("limits", c.Resources?.Limits) })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        if (map is null || !map.TryGetValue(resource, out var q) || q.ToDecimal() <= 0)
                        {
                            yield return new("resources", Name(d), $"container {c.Name} has no {resource} {kind}");
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<Finding> Probes(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in d.Spec.Template.Spec.Containers)
            {
                if (c.ReadinessProbe is null || c.LivenessProbe is null)
                {
                    yield return new("probes", Name(d), $"container {c.Name} lacks a readiness or liveness probe");
                }
                else if (c.ReadinessProbe.HttpGet?.Path == c.LivenessProbe.HttpGet?.Path && c.ReadinessProbe.HttpGet?.Port?.Value == c.LivenessProbe.HttpGet?.Port?.Value)
                {
                    yield return new("probes", Name(d), $"container {c.Name} uses the same endpoint for readiness and liveness");
                }
                else if (c.LivenessProbe is not null && c.StartupProbe is null)
                {
                    yield return new("probes", Name(d), $"container {c.Name} has a liveness probe but no startup probe");
                }
            }
        }
    }

    private static IEnumerable<Finding> ProbePorts(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in d.Spec.Template.Spec.Containers)
            {
                foreach (var probe in new[] { c.LivenessProbe, c.ReadinessProbe, c.StartupProbe })
                {
                    var port = probe?.HttpGet?.Port?.Value ?? probe?.TcpSocket?.Port?.Value;
                    if (port is null)
                    {
                        continue;
                    }

                    var exposed = (c.Ports ?? []).Any(p => p.Name == port || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port);
                    if (!exposed)
                    {
                        yield return new("probe-ports", Name(d), $"container {c.Name} probes port {port}, which it does not expose");
                    }
                }
            }
        }
    }

    private static IEnumerable<Finding> SecurityContext(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var pod = d.Spec.Template.Spec;
            foreach (var c in AllContainers(pod))
            {
                var sc = c.SecurityContext;
                if ((sc?.RunAsUser ?? pod.SecurityContext?.RunAsUser ?? 0) < 10000)
                {
                    yield return new("security-context", Name(d), $"container {c.Name} runAsUser is below 10000");
                }

                if ((sc?.RunAsGroup ?? pod.SecurityContext?.RunAsGroup ?? 0) < 10000)
                {
                    yield return new("security-context", Name(d), $"container {c.Name} runAsGroup is below 10000");
                }

                if (sc?.ReadOnlyRootFilesystem != true)
                {
                    yield return new("security-context", Name(d), $"container {c.Name} root filesystem is writable");
                }
            }
        }
    }

    private static IEnumerable<Finding> DisruptionBudget(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var labels = d.Spec.Template.Metadata.Labels;
            var pdb = o.DisruptionBudgets.FirstOrDefault(p => p.Metadata.NamespaceProperty == d.Metadata.NamespaceProperty && Selects(p.Spec.Selector?.MatchLabels, labels));
            var min = EffectiveMinReplicas(o, d);
            if (pdb is null)
            {
                if (min >= 2)
                {
                    yield return new("pdb", Name(d), "no PodDisruptionBudget selects its pods");
                }

                continue;
            }

            if (pdb.Spec.MaxUnavailable is { } maxUnavailable && (maxUnavailable.Value is "0" or "0%"))
            {
                yield return new("pdb", Name(d), "the PodDisruptionBudget allows no disruption (maxUnavailable 0)");
            }

            if (pdb.Spec.MinAvailable is { } minAvailable && int.TryParse(minAvailable.Value, out var m) && m >= min)
            {
                yield return new("pdb", Name(d), "the PodDisruptionBudget's minAvailable is not below the replica count");
            }

            if (pdb.Spec.UnhealthyPodEvictionPolicy is null)
            {
                yield return new("pdb", Name(d), "the PodDisruptionBudget does not set unhealthyPodEvictionPolicy");
            }
        }
    }

    private static IEnumerable<Finding> Spread(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            if (EffectiveMinReplicas(o, d) < 2)
            {
                continue;
            }

            var pod = d.Spec.Template.Spec;
            var labels = d.Spec.Template.Metadata.Labels;
            var anti = (pod.Affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
                .Select(t => t.PodAffinityTerm)
                .Concat(pod.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
                .Any(t => t.TopologyKey == "kubernetes.io/hostname" && Selects(t.LabelSelector?.MatchLabels, labels));
            if (!anti)
            {
                yield return new("spread", Name(d), "no hostname podAntiAffinity on its own pods");
            }

            var spread = (pod.TopologySpreadConstraints ?? [])
                .Any(t => t.TopologyKey is "kubernetes.io/hostname" or "topology.kubernetes.io/zone" && Selects(t.LabelSelector?.MatchLabels, labels));
            if (!spread)
            {
                yield return new("spread", Name(d), "no topologySpreadConstraint over hostname or zone");
            }
        }
    }

    private static IEnumerable<Finding> HpaWithoutReplicas(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            if (d.Spec.Replicas is not null && o.Autoscalers.Any(h => h.Spec.ScaleTargetRef.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == d.Metadata.Name))
            {
                yield return new("hpa-replicas", Name(d), "an HPA scales it, yet it sets replicas");
            }
        }

        foreach (var h in o.Autoscalers)
        {
            if (!o.Deployments.Any(d => d.Metadata.Name == h.Spec.ScaleTargetRef.Name && d.Metadata.NamespaceProperty == h.Metadata.NamespaceProperty))
            {
                yield return new("hpa-replicas", "HorizontalPodAutoscaler " + h.Metadata.Name, "its scaleTargetRef names no Deployment of the bundle");
            }
        }
    }

    private static IEnumerable<Finding> Replicas(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            if (EffectiveMinReplicas(o, d) < 2)
            {
                yield return new("replicas", Name(d), "fewer than two replicas");
            }
        }

        foreach (var h in o.Autoscalers)
        {
            if (h.Spec.MaxReplicas < (h.Spec.MinReplicas ?? 1))
            {
                yield return new("replicas", "HorizontalPodAutoscaler " + h.Metadata.Name, "maxReplicas is below minReplicas");
            }
        }
    }

    private static IEnumerable<Finding> NetworkPolicies(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var labels = d.Spec.Template.Metadata.Labels;
            var policies = o.NetworkPolicies.Where(p => p.Metadata.NamespaceProperty == d.Metadata.NamespaceProperty && Selects(p.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>(), labels)).ToList();
            if (!policies.Any(p => p.Spec.PolicyTypes?.Contains("Ingress") == true) || !policies.Any(p => p.Spec.PolicyTypes?.Contains("Egress") == true))
            {
                yield return new("network-policy", Name(d), "its pods are not covered by both an ingress and an egress NetworkPolicy");
            }
        }

        foreach (var p in o.NetworkPolicies)
        {
            var selector = p.Spec.PodSelector.MatchLabels;
            if (selector is { Count: > 0 } && !o.Deployments.Any(d => d.Metadata.NamespaceProperty == p.Metadata.NamespaceProperty && Selects(selector, d.Spec.Template.Metadata.Labels)))
            {
                yield return new("network-policy", "NetworkPolicy " + p.Metadata.Name, "selects no pod of the bundle");
            }
        }
    }

    private static IEnumerable<Finding> Services(BundleObjects o)
    {
        foreach (var s in o.Services)
        {
            if (s.Spec.Type is "NodePort")
            {
                yield return new("service", "Service " + s.Metadata.Name, "type NodePort");
            }

            var target = o.Deployments.FirstOrDefault(d => d.Metadata.NamespaceProperty == s.Metadata.NamespaceProperty && Selects(s.Spec.Selector, d.Spec.Template.Metadata.Labels));
            if (target is null || s.Spec.Selector is not { Count: > 0 })
            {
                yield return new("service", "Service " + s.Metadata.Name, "selects no pod of the bundle");
                continue;
            }

            var ports = target.Spec.Template.Spec.Containers.SelectMany(c => c.Ports ?? []).ToList();
            foreach (var port in s.Spec.Ports)
            {
                var t = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!ports.Any(p => p.Name == t || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == t))
                {
                    yield return new("service", "Service " + s.Metadata.Name, $"port {port.Name} targets {t}, which the pods do not expose");
                }
            }
        }
    }

    private static IEnumerable<Finding> Selectors(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var selector = d.Spec.Selector?.MatchLabels;
            if (selector is not { Count: > 0 } || !Selects(selector, d.Spec.Template.Metadata.Labels))
            {
                yield return new("selector", Name(d), "the selector does not match the pod template labels");
            }
            else if (selector.ContainsKey("app.kubernetes.io/version"))
            {
                yield return new("selector", Name(d), "the selector contains the version label (selectors are immutable)");
            }
        }
    }

    private static IEnumerable<Finding> Labels(BundleObjects o)
    {
        var metas = o.Deployments.Select(d => ("Deployment", d.Metadata)).Concat(o.Deployments.Select(d => ("Pod template", d.Spec.Template.Metadata)))
            .Concat(o.Services.Select(s => ("Service", s.Metadata))).Concat(o.Namespaces.Select(n => ("Namespace", n.Metadata)))
            .Concat(o.NetworkPolicies.Select(n => ("NetworkPolicy", n.Metadata))).Concat(o.ConfigMaps.Select(c => ("ConfigMap", c.Metadata)));
        foreach (var (kind, meta) in metas)
        {
            foreach (var (key, value) in meta.Labels ?? new Dictionary<string, string>())
            {
                if (!LabelValue().IsMatch(value))
                {
                    yield return new("labels", kind + " " + meta.Name, $"label {key} has an invalid value '{value}'");
                }
            }

            foreach (var key in new[] { "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by", "app.kubernetes.io/component" })
            {
                if (meta.Labels is null || !meta.Labels.ContainsKey(key))
                {
                    yield return new("labels", kind + " " + meta.Name, $"missing recommended label {key}");
                }
            }
        }

        foreach (var d in o.Deployments)
        {
            if (d.Metadata.Labels?.TryGetValue("app.kubernetes.io/instance", out var instance) != true || instance != d.Metadata.Name)
            {
                yield return new("labels", Name(d), "app.kubernetes.io/instance differs from metadata.name");
            }
        }
    }

    private static IEnumerable<Finding> ServiceAccounts(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            var pod = d.Spec.Template.Spec;
            if (pod.ServiceAccountName is not { Length: > 0 } name || name == "default" || !o.ServiceAccounts.Any(s => s.Metadata.Name == name && s.Metadata.NamespaceProperty == d.Metadata.NamespaceProperty))
            {
                yield return new("service-account", Name(d), $"service account '{pod.ServiceAccountName}' is not in the bundle");
            }

            if (pod.ServiceAccount is not null)
            {
                yield return new("service-account", Name(d), "uses the deprecated serviceAccount field");
            }

            if (pod.AutomountServiceAccountToken != false)
            {
                yield return new("service-account", Name(d), "mounts the service account token");
            }
        }
    }

    private static IEnumerable<Finding> Environment(BundleObjects o)
    {
        foreach (var d in o.Deployments)
        {
            foreach (var c in AllContainers(d.Spec.Template.Spec))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var env in c.Env ?? [])
                {
                    if (!seen.Add(env.Name))
                    {
                        yield return new("env", Name(d), $"container {c.Name} sets {env.Name} twice");
                    }

                    if (env.Value is { Length: > 0 } && SecretName().IsMatch(env.Name))
                    {
                        yield return new("env", Name(d), $"container {c.Name} puts a secret in plain env var {env.Name}");
                    }
                }
            }
        }
    }

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("(?i)(secret|password|passwd|token|api_?key|private_?key)")]
    private static partial Regex SecretName();
}
