using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// A kind the bundle emits, with its place in apply order: namespaces and identities first, then what uses them, so
/// <c>kubectl apply</c> of the files in order never references something not yet created.
/// </summary>
internal sealed class ManifestKind
{
    public static readonly ManifestKind Namespace = new(1, ApiVersions.Core, "Namespace", "namespaces");
    public static readonly ManifestKind ServiceAccount = new(2, ApiVersions.Core, "ServiceAccount", "serviceaccounts");
    public static readonly ManifestKind Service = new(3, ApiVersions.Core, "Service", "services");
    public static readonly ManifestKind Deployment = new(4, ApiVersions.Apps, "Deployment", "deployments");
    public static readonly ManifestKind PodDisruptionBudget = new(5, ApiVersions.Policy, "PodDisruptionBudget", "poddisruptionbudgets");
    public static readonly ManifestKind HorizontalPodAutoscaler = new(6, ApiVersions.Autoscaling, "HorizontalPodAutoscaler", "horizontalpodautoscalers");
    public static readonly ManifestKind NetworkPolicy = new(7, ApiVersions.Networking, "NetworkPolicy", "networkpolicies");
    public static readonly ManifestKind PeerAuthentication = new(8, ApiVersions.IstioSecurity, "PeerAuthentication", "peerauthentications");
    public static readonly ManifestKind AuthorizationPolicy = new(9, ApiVersions.IstioSecurity, "AuthorizationPolicy", "authorizationpolicies");
    public static readonly ManifestKind DestinationRule = new(10, ApiVersions.IstioNetworking, "DestinationRule", "destinationrules");
    public static readonly ManifestKind VirtualService = new(11, ApiVersions.IstioNetworking, "VirtualService", "virtualservices");
    public static readonly ManifestKind ServiceMonitor = new(12, ApiVersions.Monitoring, "ServiceMonitor", "servicemonitors");
    public static readonly ManifestKind PrometheusRule = new(13, ApiVersions.Monitoring, "PrometheusRule", "prometheusrules");
    public static readonly ManifestKind ConfigMap = new(14, ApiVersions.Core, "ConfigMap", "configmaps");

    private ManifestKind(int order, string apiVersion, string kind, string plural)
    {
        Order = order;
        ApiVersion = apiVersion;
        Kind = kind;
        FileName = order.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "-" + plural + ".yaml";
    }

    public int Order { get; }

    public string ApiVersion { get; }

    public string Kind { get; }

    /// <summary>The file of the <see cref="BundleLayout.FilePerKind"/> layout; the number is fixed per kind so names never shift.</summary>
    public string FileName { get; }
}
