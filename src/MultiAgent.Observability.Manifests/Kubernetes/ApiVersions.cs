namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>The one place naming the API versions the bundle emits: current stable versions only, never beta.</summary>
internal static class ApiVersions
{
    public const string Core = "v1";
    public const string Apps = "apps/v1";
    public const string Autoscaling = "autoscaling/v2";
    public const string Policy = "policy/v1";
    public const string Networking = "networking.k8s.io/v1";
    public const string IstioNetworking = "networking.istio.io/v1";
    public const string IstioSecurity = "security.istio.io/v1";
    public const string Monitoring = "monitoring.coreos.com/v1";
    public const string Kustomize = "kustomize.config.k8s.io/v1beta1";
}
