namespace MultiAgent.Observability.Manifests;

/// <summary>The system-wide <c>mesh</c> and <c>monitoring</c> settings.</summary>
internal sealed partial class DescriptionChecker
{
    /// <summary>The mutual-TLS modes of a PeerAuthentication.</summary>
    internal static readonly string[] MtlsModes = ["STRICT", "PERMISSIVE"];

    private void Mesh(MeshDescription? mesh)
    {
        if (mesh is null)
        {
            Add("mesh", "the mesh settings are missing (null)");
            return;
        }

        if (Array.IndexOf(MtlsModes, mesh.MtlsMode) < 0)
        {
            Add("mesh.mtls_mode", $"{Quote(mesh.MtlsMode)} is not an mTLS mode; use STRICT or PERMISSIVE{Suggestions.DidYouMean(Suggestions.Closest(mesh.MtlsMode ?? "", MtlsModes))}");
        }

        if (!KubernetesNames.IsDns1123Subdomain(mesh.TrustDomain ?? ""))
        {
            Add("mesh.trust_domain", $"{Quote(mesh.TrustDomain)} is not a trust domain (a DNS name such as 'cluster.local')");
        }
    }

    private void Monitoring(MonitoringDescription? monitoring)
    {
        if (monitoring is null)
        {
            Add("monitoring", "the monitoring settings are missing (null)");
            return;
        }

        if (!KubernetesNames.IsDns1123Label(monitoring.Namespace ?? ""))
        {
            Add("monitoring.namespace", $"{Quote(monitoring.Namespace)} is not a valid namespace name (DNS-1123 label){DidYouMeanLabel(monitoring.Namespace, false)}");
        }

        if (monitoring.GrafanaNamespace is { } grafana && !KubernetesNames.IsDns1123Label(grafana))
        {
            Add("monitoring.grafana_namespace", $"{Quote(grafana)} is not a valid namespace name (DNS-1123 label){DidYouMeanLabel(grafana, false)}");
        }

        if (monitoring.ReleaseLabel is not { Length: > 0 } release || !KubernetesNames.IsLabelValue(release))
        {
            Add("monitoring.release_label", $"{Quote(monitoring.ReleaseLabel)} is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }

        if (monitoring.ScrapeInterval <= TimeSpan.Zero)
        {
            Add("monitoring.scrape_interval", "must be positive");
        }
        else if (monitoring.ScrapeInterval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            Add("monitoring.scrape_interval", "must be a whole number of milliseconds");
        }
    }
}
