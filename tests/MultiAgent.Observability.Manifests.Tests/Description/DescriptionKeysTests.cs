namespace MultiAgent.Observability.Manifests.Tests;

public sealed class DescriptionKeysTests
{
    [Fact]
    public void Agent_KeysAreTheModelPropertiesInSnakeCase_WithAgentIdFirst()
    {
        Assert.Equal("agent_id", DescriptionKeys.Agent[0]);
        Assert.Contains("metrics_port", DescriptionKeys.Agent);
        Assert.Contains("allow_external_egress", DescriptionKeys.Agent);
        Assert.Equal(typeof(AgentDescription).GetProperties().Length, DescriptionKeys.Agent.Length);
    }

    [Fact]
    public void HealthCheck_PortNameIsReadAsPort() =>
        Assert.Equal(["path", "readiness_path", "startup_path", "port"], DescriptionKeys.HealthCheck);

    [Fact]
    public void Retry_AcceptsIstioCamelCaseToo() =>
        Assert.Equal(["attempts", "per_try_timeout", "perTryTimeout", "retry_on", "retryOn"], DescriptionKeys.Retry);

    [Fact]
    public void Load_EveryDerivedSystemKey_IsKnown()
    {
        var result = SystemDescriptionLoader.Load("""
            name: demo
            namespace: demo
            cluster_version: "1.31"
            mesh: {enabled: true, mtls_mode: STRICT, trust_domain: cluster.local}
            monitoring: {namespace: monitoring, release_label: prom, scrape_interval: 30s, grafana_namespace: grafana}
            agents:
              - {agent_id: a, image: ghcr.io/acme/a, tag: "1.0"}
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(["name", "namespace", "agents", "mesh", "monitoring", "cluster_version"], DescriptionKeys.System);
    }
}
