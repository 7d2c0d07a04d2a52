namespace MultiAgent.Observability.Manifests.Tests;

/// <summary>The descriptions the golden files, peer checks and scanner checks run over, built in code.</summary>
internal static class TestSystems
{
    /// <summary>Values a YAML 1.1 reader would turn into booleans, numbers or null unless quoted.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> AmbiguousEnvironment { get; } =
    [
        new("FEATURE_ON", "on"),
        new("FEATURE_OFF", "off"),
        new("ANSWER_NO", "no"),
        new("ANSWER_YES", "yes"),
        new("ANSWER_Y", "y"),
        new("FLAG_TRUE", "true"),
        new("SCIENTIFIC", "1e3"),
        new("OCTAL", "0777"),
        new("HEX", "0x1F"),
        new("SEXAGESIMAL", "1:30"),
        new("COLON", ":"),
        new("TILDE", "~"),
        new("NULL_WORD", "null"),
        new("INTEGER", "8080"),
        new("FLOAT", "3.14"),
        new("EMPTY", ""),
        new("LEADING_SPACE", " padded"),
        new("HASH", "# not a comment"),
        new("MULTILINE", "line one\nline two"),
        new("MULTILINE_TRAILING_NEWLINE", "first\n  indented second\n"),
        new("MULTILINE_BLANK_LINES", "para one\n\npara two\n\n"),
        new("MULTILINE_LEADING_SPACE", "  starts indented\nthen not"),
        new("DASH", "- looks like a list"),
        new("KEY_VALUE", "a: b"),
        new("FLOW", "[not, a, list]"),
        new("BRACES", "{not: a map}"),
        new("QUOTES", "say \"hi\" and 'bye'"),
        new("BACKSLASH", "C:\\path\\to"),
        new("TAB", "a\tb"),
        new("TRAILING_SPACE", "trailing "),
        new("UNICODE", "grüße 世界"),
        new("DATE", "2001-12-14"),
        new("DOCUMENT_MARKER", "---"),
        new("INFINITY", ".inf"),
        new("PLUS_NUMBER", "+12"),
        new("UNDERSCORE_NUMBER", "1_000"),
        new("VERSION", "2.0.0"),
        new("DURATION", "30s"),
    ];

    /// <summary>One agent, mesh off, two fixed replicas (no autoscaler).</summary>
    public static SystemDescription Small { get; } = new()
    {
        Name = "solo-system",
        Namespace = "solo",
        Mesh = new MeshDescription { Enabled = false },
        Agents =
        [
            new AgentDescription
            {
                Id = "assistant",
                Image = "ghcr.io/acme/assistant-agent",
                Tag = "1.4.2",
                Scaling = new ScalingDescription { Autoscale = false, InitialReplicas = 2 },
                Environment = [new("LOG_LEVEL", "info")],
            },
        ],
    };

    /// <summary>Seven agents, mesh on, routing rules with weights, faults and retries, callers, a separate metrics port,
    /// external egress, and environment values YAML 1.1 would read as something other than strings.</summary>
    /// <remarks>Every agent keeps at least two replicas, so the scanner checks (which want a PDB and replicas ≥ 2) find nothing.</remarks>
    public static SystemDescription Large { get; } = new()
    {
        Name = "research-swarm",
        Namespace = "agents",
        Monitoring = new MonitoringDescription { Namespace = "monitoring", ReleaseLabel = "prom", ScrapeInterval = TimeSpan.FromSeconds(15) },
        Agents =
        [
            new AgentDescription
            {
                Id = "coordinator",
                Image = "ghcr.io/acme/coordinator",
                Tag = "2.0.0",
                Scaling = new ScalingDescription { MinReplicas = 2, MaxReplicas = 6, TargetCpu = 60 },
                Environment = AmbiguousEnvironment,
                Labels = [new("team", "platform")],
            },
            new AgentDescription
            {
                Id = "planner",
                Image = "ghcr.io/acme/planner",
                Digest = "sha256:" + new string('a', 64),
                Callers = ["coordinator"],
                MetricsPort = new PortDescription { Name = "metrics", Port = 9090 },
                AllowExternalEgress = true,
                LoadBalancer = "ROUND_ROBIN",
            },
            new AgentDescription
            {
                Id = "researcher",
                Image = "ghcr.io/acme/researcher",
                Tag = "3.1.0",
                Callers = ["coordinator", "planner"],
                Ports = [new PortDescription { Name = "http", Port = 8080 }, new PortDescription { Name = "http-canary", Port = 8081 }],
                MetricsPort = new PortDescription { Name = "metrics", Port = 9090 },
                AllowExternalEgress = true,
                Resources = new ResourceDescription { CpuRequest = "0.5", MemoryRequest = "1.5Gi", CpuLimit = "2", MemoryLimit = "3Gi" },
                Scaling = new ScalingDescription { MinReplicas = 3, MaxReplicas = 20, TargetCpu = 75, TargetMemory = 80 },
                RoutingRules =
                [
                    new RoutingRuleDescription { Headers = [new() { Name = "x-canary", Value = "true" }], Port = 8080, Weight = 90 },
                    new RoutingRuleDescription { Headers = [new() { Name = "x-canary", Value = "true" }], Port = 8081, Weight = 10 },
                    new RoutingRuleDescription
                    {
                        PathPrefix = "/v1/tasks",
                        Timeout = TimeSpan.FromSeconds(120),
                        RetryPolicy = new RetryPolicyDescription { Attempts = 3, PerTryTimeout = TimeSpan.FromSeconds(40) },
                    },
                    new RoutingRuleDescription
                    {
                        PathPrefix = "/chaos",
                        Headers = [new() { Name = "x-chaos", Kind = HeaderMatchKind.Regex, Value = "^(on|yes)$" }, new() { Name = "x-tenant", Kind = HeaderMatchKind.Prefix, Value = "test-" }],
                        FaultInjection = new FaultInjectionDescription
                        {
                            Delay = TimeSpan.FromMilliseconds(1500),
                            DelayPercent = 10,
                            AbortHttpStatus = 503,
                            AbortPercent = 5,
                        },
                    },
                ],
            },
            new AgentDescription
            {
                Id = "writer",
                Image = "ghcr.io/acme/writer",
                Tag = "1.0.0",
                Callers = ["coordinator"],
                Resources = new ResourceDescription { CpuRequest = "100m", MemoryRequest = "256Mi", CpuLimit = "500m", MemoryLimit = "512Mi" },
            },
            new AgentDescription
            {
                Id = "critic",
                Image = "ghcr.io/acme/critic",
                Tag = "1.0.0",
                Callers = ["writer", "coordinator"],
                Scaling = new ScalingDescription { Autoscale = false, InitialReplicas = 2 },
                HealthCheck = new HealthCheckDescription { Path = "/livez", ReadinessPath = "/readyz", StartupPath = "/startupz" },
            },
            new AgentDescription
            {
                Id = "summarizer",
                Image = "ghcr.io/acme/summarizer",
                Tag = "0.9.1",
                Callers = ["critic"],
                Scaling = new ScalingDescription { Autoscale = false, InitialReplicas = 2 },
                RoutingRules =
                [
                    new RoutingRuleDescription { PathPrefix = "/summaries", Timeout = TimeSpan.FromSeconds(60) },
                ],
            },
            new AgentDescription
            {
                Id = "tool-runner",
                Image = "ghcr.io/acme/tool-runner",
                Tag = "5.2.0",
                Callers = ["planner", "researcher"],
                MetricsPath = "/internal/metrics",
            },
        ],
    };
}
