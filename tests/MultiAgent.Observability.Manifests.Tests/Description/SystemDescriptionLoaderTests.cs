namespace MultiAgent.Observability.Manifests.Tests;

public sealed class SystemDescriptionLoaderTests
{
    // Lines 1-3; every case below appends its own lines from line 4 on.
    private const string OneAgent = "agents:\n  - agent_id: a\n    image: ghcr.io/x/a\n";

    [Theory]
    [InlineData("    tag: 'bad tag'", "agents[0].tag", 4, "is not an image tag")]
    [InlineData("    image: other", "agents[0].image", 4, "duplicate key 'image' (line 3 already sets it)")]
    [InlineData("    digest: sha256:abc", "agents[0].digest", 4, "expected 'sha256:' and 64 lower-case hex digits")]
    [InlineData("    resources:\n      memory_limit: 1GB", "agents[0].resources.memory_limit", 5, "'1GB' is not a Kubernetes quantity; did you mean '1Gi'?")]
    [InlineData("    resources:\n      memory_request: 512mb", "agents[0].resources.memory_request", 5, "'512mb' is not a Kubernetes quantity; did you mean '512Mi'?")]
    [InlineData("    resources:\n      memory_request: 512m", "agents[0].resources.memory_request", 5, "'512m' is 0.512 bytes, not a whole number of bytes ('m' means milli); did you mean '512Mi'?")]
    [InlineData("    resources:\n      cpu_request: 2 cores", "agents[0].resources.cpu_request", 5, "did you mean '2'?")]
    [InlineData("    resources:\n      cpu_request: '2'\n      cpu_limit: 500m", "agents[0].resources.cpu_request", 5, "the CPU request 2 is more than the CPU limit 500m")]
    [InlineData("    resources:\n      memory_request: 2Gi", "agents[0].resources.memory_request", 5, "more than the memory limit 1Gi")]
    [InlineData("    ports: [0]", "agents[0].ports[0].port", 4, "0 is not a port number (1 to 65535)")]
    [InlineData("    ports:\n      - 8080\n      - 70000", "agents[0].ports[1].port", 6, "70000 is not a port number")]
    [InlineData("    ports:\n      - 8080\n      - 8080", "agents[0].ports[1].port", 6, "duplicate port 8080")]
    [InlineData("    ports: []", "agents[0].ports", 4, "at least one port is required")]
    [InlineData("    ports:\n      - name: HTTP_Main\n        port: 8080", "agents[0].ports[0].name", 5, "is not a port name (IANA service name")]
    [InlineData("    ports:\n      - name: a-very-long-port-name\n        port: 8080", "agents[0].ports[0].name", 5, "at most 15")]
    [InlineData("    ports:\n      - {name: web, port: 8080}\n      - {name: web, port: 9090}", "agents[0].ports[1].name", 6, "duplicate port name 'web'")]
    [InlineData("    health_check:\n      port: 9000", "agents[0].health_check.port", 5, "port 9000 is not a declared port, so the probes would fail; declared ports: http")]
    [InlineData("    health_check:\n      port: htp", "agents[0].health_check.port", 5, "did you mean 'http'?")]
    [InlineData("    health_check:\n      path: /health\n      readiness_path: /health", "agents[0].health_check.readiness_path", 6, "must differ from the liveness path")]
    [InlineData("    health_check:\n      path: health", "agents[0].health_check.path", 5, "is not an HTTP path starting with '/'")]
    [InlineData("    scaling:\n      min_replicas: 5\n      max_replicas: 3", "agents[0].scaling.max_replicas", 6, "3 is less than min_replicas 5")]
    [InlineData("    scaling:\n      target_cpu: 0", "agents[0].scaling.target_cpu", 5, "(1 to 100)")]
    [InlineData("    scaling:\n      target_cpu: 101", "agents[0].scaling.target_cpu", 5, "(1 to 100)")]
    [InlineData("    scaling:\n      min_replicas: 0", "agents[0].scaling.min_replicas", 5, "must be at least 1")]
    [InlineData("    scaling:\n      min_replicas: two", "agents[0].scaling.min_replicas", 5, "expected a whole number, got 'two'")]
    [InlineData("    scaling:\n      min_replicas: '2'", "agents[0].scaling.min_replicas", 5, "expected a whole number, got the string \"2\"")]
    [InlineData("    scaling:\n      autoscale: yes", "agents[0].scaling.autoscale", 5, "'yes' is a boolean only in YAML 1.1; did you mean 'true'?")]
    [InlineData("    routing_rules:\n      - headers: {x-tier: a}\n        weight: 60\n      - headers: {x-tier: a}\n        weight: 30", "agents[0].routing_rules[0].weight", 6, "(routing_rules[0], routing_rules[1]) add up to 90; they must add up to 100")]
    [InlineData("    routing_rules:\n      - path_prefix: /x\n        weight: 50", "agents[0].routing_rules[0].weight", 6, "50 splits nothing")]
    [InlineData("    routing_rules:\n      - path_prefix: /x\n        weight: 101", "agents[0].routing_rules[0].weight", 6, "101 is not a weight percent (0 to 100)")]
    [InlineData("    routing_rules:\n      - path_prefix: /x\n        fault_injection: {delay: 5s, delay_percent: 10}\n        retry_policy: {attempts: 2}", "agents[0].routing_rules[0]", 5, "fault_injection and retry_policy on one route")]
    [InlineData("    routing_rules:\n      - headers: {x-a: b}\n        weight: 50\n        fault_injection: {abort_http_status: 503, abort_percent: 5}\n      - headers: {x-a: b}\n        weight: 50\n        retry_policy: {attempts: 2}", "agents[0].routing_rules[1]", 8, "routing_rules[0] injects faults into the same route")]
    [InlineData("    routing_rules:\n      - path_prefix: /x\n        fault_injection: {delay_percent: 10}", "agents[0].routing_rules[0].fault_injection", 6, "needs a delay, an abort_http_status, or both")]
    [InlineData("    routing_rules:\n      - path_prefix: /x\n        fault_injection: {abort_http_status: 700, abort_percent: 1}", "agents[0].routing_rules[0].fault_injection.abort_http_status", 6, "700 is not an HTTP status")]
    [InlineData("    routing_rules:\n      - path_prefix: /\n      - path_prefix: /x", "agents[0].routing_rules[1]", 6, "never matches: routing_rules[0] before it matches every request")]
    [InlineData("    routing_rules:\n      - headers: {X-User: premium}", "agents[0].routing_rules[0].headers.X-User", 5, "did you mean 'x-user'?")]
    [InlineData("    routing_rules:\n      - headers:\n          x-tier: {exact: a, prefix: b}", "agents[0].routing_rules[0].headers.x-tier", 6, "a StringMatch sets exactly one of exact, prefix and regex, not exact and prefix")]
    [InlineData("    routing_rules:\n      - headers:\n          x-tier: {}", "agents[0].routing_rules[0].headers.x-tier", 6, "exactly one of exact, prefix and regex, not none")]
    [InlineData("    routing_rules:\n      - headers:\n          x-tier: {prefx: a}", "agents[0].routing_rules[0].headers.x-tier.prefx", 6, "unknown key 'prefx'; did you mean 'prefix'?")]
    [InlineData("    routing_rules:\n      - headers:\n          x-tier:\n            regex: '(unclosed'", "agents[0].routing_rules[0].headers.x-tier.regex", 7, "'(unclosed' is not a regular expression Istio (RE2) accepts")]
    [InlineData("    routing_rules:\n      - headers:\n          x-tier: {regex: ''}", "agents[0].routing_rules[0].headers.x-tier.regex", 6, "the regular expression is empty")]
    [InlineData("    routing_rules:\n      - headers:\n          x-tier: [a]", "agents[0].routing_rules[0].headers.x-tier", 6, "expected a text value or a StringMatch ({exact|prefix|regex: value}), got a list")]
    [InlineData("    routing_rules:\n      - headers:\n          x-tier: {exact: [a]}", "agents[0].routing_rules[0].headers.x-tier.exact", 6, "expected a text value, got a list")]
    [InlineData("    scaling:\n      target_memory: 0", "agents[0].scaling.target_memory", 5, "0 is not a memory utilisation percent of the request (1 to 100)")]
    [InlineData("    scaling:\n      target_memory: 80%", "agents[0].scaling.target_memory", 5, "expected a whole number, got '80%'")]
    [InlineData("    routing_rules:\n      - port: 9090", "agents[0].routing_rules[0].port", 5, "port 9090 is not declared in ports (8080)")]
    [InlineData("    routing_rules:\n      - timeout: 30", "agents[0].routing_rules[0].timeout", 5, "'30' is not a duration such as '500ms', '30s', '5m' or '1h'; did you mean '30s'?")]
    [InlineData("    routing_rules:\n      - retry_policy: {retry_on: 5xxx}", "agents[0].routing_rules[0].retry_policy.retry_on", 5, "did you mean '5xx'?")]
    [InlineData("    routing_rules:\n      - timeout: 5s\n        retry_policy: {per_try_timeout: 10s}", "agents[0].routing_rules[0].retry_policy.per_try_timeout", 6, "10s is longer than the route timeout 5s")]
    [InlineData("    routing_rules:\n      - retry_policy: {attempts: 0}", "agents[0].routing_rules[0].retry_policy.attempts", 5, "(1 to 10)")]
    [InlineData("    load_balancer: LEAST_CONN", "agents[0].load_balancer", 4, "did you mean 'LEAST_REQUEST'?")]
    [InlineData("    load_balancer: round_robin", "agents[0].load_balancer", 4, "did you mean 'ROUND_ROBIN'?")]
    [InlineData("    callers: [writer]", "agents[0].callers[0]", 4, "'writer' is not an agent of this system")]
    [InlineData("    callers: [a, a]", "agents[0].callers[1]", 4, "duplicate caller 'a'")]
    [InlineData("    replicas: 3", "agents[0].replicas", 4, "unknown key 'replicas'; known keys: agent_id,")]
    [InlineData("    agentID: a", "agents[0].agentID", 4, "unknown key 'agentID'; did you mean 'agent_id'?")]
    [InlineData("    resources:\n      cpuRequest: 1", "agents[0].resources.cpuRequest", 5, "did you mean 'cpu_request'?")]
    [InlineData("    ports: 8080", "agents[0].ports", 4, "expected a list, got '8080'")]
    [InlineData("    resources: 1Gi", "agents[0].resources", 4, "expected a mapping (key: value pairs), got '1Gi'")]
    [InlineData("    environment:\n      1BAD: x", "agents[0].environment.1BAD", 5, "is not an environment variable name")]
    [InlineData("    environment:\n      A: x\n      A: y", "agents[0].environment.A", 6, "duplicate key 'A'")]
    [InlineData("    environment:\n      NAMESPACE: prod", "agents[0].environment.NAMESPACE", 5, "'NAMESPACE' is set by the generator")]
    [InlineData("    environment:\n      A: [1]", "agents[0].environment.A", 5, "expected a text value, got a list")]
    [InlineData("    labels:\n      app.kubernetes.io/name: x", "agents[0].labels[\"app.kubernetes.io/name\"]", 5, "is set by the generator")]
    [InlineData("    labels:\n      team: -bad-", "agents[0].labels.team", 5, "is not a label value")]
    [InlineData("    allow_external_egress: on", "agents[0].allow_external_egress", 4, "did you mean 'true'?")]
    [InlineData("    metrics_port: 8080", "agents[0].metrics_port.port", 4, "duplicate port 8080")]
    [InlineData("    metrics_path: metrics", "agents[0].metrics_path", 4, "is not an HTTP path")]
    [InlineData("  - agent_id: a\n    image: ghcr.io/x/b", "agents[1].agent_id", 4, "duplicate agent id 'a'; agents[0] already uses it")]
    [InlineData("  - image: ghcr.io/x/b", "agents[1].agent_id", 4, "the agent id is required")]
    [InlineData("  - agent_id: b", "agents[1].image", 4, "the image is required")]
    [InlineData("namespace: Multi_Agents", "namespace", 4, "did you mean 'multi-agents'?")]
    [InlineData("mesh:\n  mtls_mode: strict", "mesh.mtls_mode", 5, "did you mean 'STRICT'?")]
    [InlineData("    routing_rules: [{path_prefix: /x}]\nmesh: {enabled: false}", "agents[0].routing_rules", 4, "routing rules need the service mesh, but mesh.enabled is false")]
    [InlineData("mesh:\n  enabled: no", "mesh.enabled", 5, "did you mean 'false'?")]
    [InlineData("monitoring:\n  scrape_interval: 30", "monitoring.scrape_interval", 5, "did you mean '30s'?")]
    [InlineData("monitoring:\n  release_label: -x", "monitoring.release_label", 5, "is not a label value")]
    [InlineData("cluster_version: 1.31.2", "cluster_version", 4, "is not a Kubernetes minor version such as '1.31'")]
    [InlineData("cluster_version: '1.20'", "cluster_version", 4, "needs 1.25 or later")]
    [InlineData("systemconfig: {}", "systemconfig", 4, "unknown key 'systemconfig'")]
    [InlineData("system_config: {}", "system_config", 4, "the file is the system_config itself: move its keys (agents, ...) to the top level")]
    public void Load_OneMistake_ReportsItWithPathAndLine(string extra, string path, int line, string message)
    {
        var result = SystemDescriptionLoader.Load(OneAgent + extra + "\n", "system.yaml");

        Assert.False(result.IsValid);
        Assert.Null(result.Description);
        var problem = Assert.Single(result.Problems, p => p.Path == path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(line, problem.Line);
        Assert.Equal("system.yaml", problem.File);
    }

    [Theory]
    [InlineData("Research_Agent", "research-agent")]
    [InlineData("ResearchAgent", "researchagent")]
    [InlineData("research.agent", "research-agent")]
    [InlineData("1st-agent", "st-agent")]
    public void Load_InvalidAgentId_IsAnErrorWithASuggestionNeverMangled(string id, string suggestion)
    {
        var result = SystemDescriptionLoader.Load($"agents:\n  - agent_id: {id}\n    image: ghcr.io/x/a\n", "s.yaml");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("agents[0].agent_id", problem.Path);
        Assert.Equal(2, problem.Line);
        Assert.EndsWith($"did you mean '{suggestion}'?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AgentIdTooLongForDerivedNames_SaysHowLongItMayBe()
    {
        var id = "a" + new string('b', 57);

        var problem = Assert.Single(SystemDescriptionLoader.Load($"agents:\n  - agent_id: {id}\n    image: ghcr.io/x/a\n").Problems);

        Assert.Equal("agents[0].agent_id", problem.Path);
        Assert.Contains("is 64 characters; names are limited to 63, so the agent id can have at most 57", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SystemNameTooLongForDerivedNames_IsAnError()
    {
        var problem = Assert.Single(SystemDescriptionLoader.Load($"name: {new string('s', 60)}\n{OneAgent}").Problems);

        Assert.Equal("name", problem.Path);
        Assert.Contains("PrometheusRule", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    image: ghcr.io/x/a:1.0", "'ghcr.io/x/a:1.0' contains a tag; put the repository in image ('ghcr.io/x/a') and the tag in tag ('1.0')")]
    [InlineData("    image: ghcr.io/x/a@sha256:0", "contains a digest")]
    [InlineData("    image: ghcr.io/X/a", "is not an image repository")]
    public void Load_BadImage_SaysWhereTagAndDigestGo(string image, string message)
    {
        var problem = Assert.Single(SystemDescriptionLoader.Load("agents:\n  - agent_id: a\n" + image + "\n").Problems);

        Assert.Equal("agents[0].image", problem.Path);
        Assert.Equal(3, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:5000/agents/a")]
    [InlineData("registry.example.com/team/research-agent")]
    [InlineData("research_agent")]
    [InlineData("library/redis")]
    public void Load_ImageRepository_IsAccepted(string image) =>
        Assert.True(SystemDescriptionLoader.Load($"agents:\n  - agent_id: a\n    image: {image}\n").IsValid);

    [Fact]
    public void Load_ManyMistakes_ReportsEveryOneAtOnceInLineOrder()
    {
        const string yaml = """
            namespace: Multi_Agents
            agents:
              - agent_id: Research_Agent
                image: ghcr.io/acme/research
                resources:
                  memory_limit: 1GB
                ports: [8080, 70000]
                scaling: {min_replicas: 5, max_replicas: 3}
                callers: [writer-agnt]
                replica: 2
              - agent_id: writer-agent
                image: ghcr.io/acme/writer
                digest: sha256:abc
            """;

        var result = SystemDescriptionLoader.Load(yaml, "system.yaml");

        Assert.Equal(
            [
                "system.yaml:1: namespace",
                "system.yaml:3: agents[0].agent_id",
                "system.yaml:6: agents[0].resources.memory_limit",
                "system.yaml:7: agents[0].ports[1].port",
                "system.yaml:8: agents[0].scaling.max_replicas",
                "system.yaml:9: agents[0].callers[0]",
                "system.yaml:10: agents[0].replica",
                "system.yaml:13: agents[1].digest",
            ],
            result.Problems.Select(p => $"{p.File}:{p.Line}: {p.Path}"));
        Assert.Contains(result.Problems, p => p.Message.EndsWith("did you mean 'writer-agent'?", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.EndsWith("did you mean 'replicas'?", StringComparison.Ordinal) || p.Message.Contains("unknown key 'replica'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateKeysInSeveralMappings_ReportsEachWithItsLine()
    {
        const string yaml = "agents:\n  - agent_id: a\n    agent_id: b\n    image: x\n    image: y\nnamespace: a\nnamespace: b\n";

        var lines = SystemDescriptionLoader.Load(yaml).Problems.Where(p => p.Message.StartsWith("duplicate key", StringComparison.Ordinal)).Select(p => p.Line);

        Assert.Equal([3, 5, 7], lines);
    }

    [Theory]
    [InlineData("agents:\n  - agent_id: a\n   image: x\n", 3)]
    [InlineData("agents: [\n", 2)]
    [InlineData("agents:\n  - agent_id: 'a\n", 2)]
    [InlineData("agents:\n\t- agent_id: a\n", 2)]
    public void Load_SyntaxError_IsOneProblemWithItsLine(string yaml, int line)
    {
        var result = SystemDescriptionLoader.Load(yaml, "bad.yaml");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("", problem.Path);
        Assert.Equal(line, problem.Line);
        Assert.StartsWith("YAML syntax error: ", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.yaml:{line}: YAML syntax error: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n# only a comment\n")]
    [InlineData("~")]
    [InlineData("[1, 2]")]
    [InlineData("just text")]
    [InlineData("agents: 5")]
    [InlineData("agents: [5, [1], {a: 1}]")]
    [InlineData("{")]
    [InlineData("agents: [*nowhere]")]
    [InlineData("a: &x [*x]")]
    [InlineData("--- \nagents: []\n---\nagents: []\n")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("? [complex, key]\n: value\n")]
    [InlineData("<<: {agents: []}")]
    [InlineData("agents:\n  - agent_id: a\n    image: x\n    ports: [99999999999999999999]\n")]
    [InlineData("agents:\n  - agent_id: a\n    image: x\n    routing_rules: [5, {weight: 50}, {weight: 50}]\n")]
    public void Load_BadInput_NeverThrowsAndReportsProblems(string yaml)
    {
        var result = SystemDescriptionLoader.Load(yaml, "bad.yaml");

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.NotNull(p.Line));
    }

    [Fact]
    public void Load_DeepNesting_IsAProblemNotAStackOverflow()
    {
        var yaml = "agents: " + new string('[', 5000) + new string(']', 5000);

        var problem = Assert.Single(SystemDescriptionLoader.Load(yaml).Problems);

        Assert.Contains("nesting deeper than", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongTypeForAnAgent_KeepsLaterAgentsAtTheirIndex()
    {
        const string yaml = "agents:\n  - just-a-string\n  - agent_id: Bad_Id\n    image: x\n";

        var paths = SystemDescriptionLoader.Load(yaml).Problems.Select(p => p.Path);

        Assert.Equal(["agents[0]", "agents[1].agent_id"], paths);
    }

    [Fact]
    public void Load_EnvironmentScalars_KeepTheirTextEvenWhereYaml11WouldNot()
    {
        const string yaml = OneAgent + """
                environment:
                  FEATURE: on
                  ANSWER: no
                  SCIENTIFIC: 1e3
                  OCTAL: 0123
                  NULL_WORD: null
                  TILDE: ~
                  EMPTY:
                  QUOTED: "on"
                  TIME: 1:30
            """;

        var result = SystemDescriptionLoader.Load(yaml);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(
            [
                new("FEATURE", "on"), new("ANSWER", "no"), new("SCIENTIFIC", "1e3"), new("OCTAL", "0123"),
                new("NULL_WORD", "null"), new("TILDE", "~"), new("EMPTY", ""), new("QUOTED", "on"), new("TIME", "1:30"),
            ],
            result.Description.Agents[0].Environment);
    }

    [Fact]
    public void Load_EnvironmentAsKubernetesList_IsAccepted()
    {
        var result = SystemDescriptionLoader.Load(OneAgent + "    environment:\n      - name: A\n        value: '1'\n      - {name: B, value: on}\n");

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal([new("A", "1"), new("B", "on")], result.Description.Agents[0].Environment);
    }

    [Fact]
    public void Load_OriginalStylePorts_NameTheFirstHttpAndMapHealthCheckPortToItsName()
    {
        var result = SystemDescriptionLoader.Load(OneAgent + "    ports: [8080, 9090]\n    health_check:\n      port: 9090\n");

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var agent = result.Description.Agents[0];
        Assert.Equal([("http", 8080), ("http-9090", 9090)], agent.Ports.Select(p => (p.Name, p.Port)));
        Assert.Equal("http-9090", agent.HealthCheck.PortName);
    }

    [Fact]
    public void Load_NamedPortsWithoutHealthCheckPort_ProbesTheFirstPort()
    {
        var result = SystemDescriptionLoader.Load(OneAgent + "    ports:\n      - {name: web, port: 8000, app_protocol: http2}\n");

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var agent = result.Description.Agents[0];
        Assert.Equal("web", agent.HealthCheck.PortName);
        Assert.Equal("http2", agent.Ports[0].AppProtocol);
    }

    [Fact]
    public void Load_NullCpuLimit_MeansNoCpuLimit()
    {
        var result = SystemDescriptionLoader.Load(OneAgent + "    resources:\n      cpu_limit: null\n");

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Null(result.Description.Agents[0].Resources.CpuLimit);
        Assert.Equal("1Gi", result.Description.Agents[0].Resources.MemoryLimit);
    }

    [Fact]
    public void Load_IstioShapedFaultAndRetry_AsTheOriginalPassedThrough_AreAccepted()
    {
        const string yaml = OneAgent + """
                routing_rules:
                  - path_prefix: /chaos
                    fault_injection:
                      delay: {fixedDelay: 2s, percentage: {value: 10}}
                      abort: {httpStatus: 503, percentage: {value: 1.5}}
                  - path_prefix: /
                    retry_policy: {attempts: 3, perTryTimeout: 5s, retryOn: "connect-failure,reset"}
            """;

        var result = SystemDescriptionLoader.Load(yaml);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var rules = result.Description.Agents[0].RoutingRules;
        Assert.Equal(new FaultInjectionDescription { Delay = TimeSpan.FromSeconds(2), DelayPercent = 10, AbortHttpStatus = 503, AbortPercent = 1.5 }, rules[0].FaultInjection);
        Assert.Equal(new RetryPolicyDescription { Attempts = 3, PerTryTimeout = TimeSpan.FromSeconds(5), RetryOn = "connect-failure,reset" }, rules[1].RetryPolicy);
    }

    [Fact]
    public void Load_HeaderMatches_PlainStringAndIstioStringMatch_AreAccepted()
    {
        const string yaml = OneAgent + """
                routing_rules:
                  - headers:
                      x-canary: "true"
                      x-tenant: {prefix: test-}
                      x-user: {regex: "^(alice|bob)$"}
                      x-plan: {exact: premium}
            """;

        var result = SystemDescriptionLoader.Load(yaml);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(
            [
                new HeaderMatchDescription { Name = "x-canary", Value = "true" },
                new HeaderMatchDescription { Name = "x-tenant", Kind = HeaderMatchKind.Prefix, Value = "test-" },
                new HeaderMatchDescription { Name = "x-user", Kind = HeaderMatchKind.Regex, Value = "^(alice|bob)$" },
                new HeaderMatchDescription { Name = "x-plan", Value = "premium" },
            ],
            result.Description.Agents[0].RoutingRules[0].Headers);
    }

    [Fact]
    public void Load_TargetMemory_IsReadAndDefaultsToCpuOnly()
    {
        var with = SystemDescriptionLoader.Load(OneAgent + "    scaling:\n      target_memory: 80\n");
        var without = SystemDescriptionLoader.Load(OneAgent);

        Assert.Equal(80, with.Description!.Agents[0].Scaling.TargetMemory);
        Assert.Null(without.Description!.Agents[0].Scaling.TargetMemory);
    }

    [Fact]
    public void Load_Json_IsReadAsYamlWithLines()
    {
        const string json = """
            {
              "namespace": "multi-agents",
              "agents": [
                {
                  "agent_id": "a",
                  "image": "ghcr.io/x/a",
                  "ports": [8080],
                  "scaling": { "min_replicas": 2, "max_replicas": 1 }
                }
              ]
            }
            """;

        var result = SystemDescriptionLoader.Load(json, "system.json");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("system.json:8: agents[0].scaling.max_replicas: 1 is less than min_replicas 2", problem.ToString());
    }

    [Fact]
    public void Load_JsonStringWhereNumberExpected_IsAWrongType()
    {
        var problem = Assert.Single(SystemDescriptionLoader.Load("""{"agents": [{"agent_id": "a", "image": "x", "ports": ["8080"]}]}""").Problems);

        Assert.Equal("agents[0].ports[0]", problem.Path);
        Assert.Equal("expected a whole number, got the string \"8080\"", problem.Message);
    }

    [Fact]
    public void Load_AnchorsAndAliases_AreResolved()
    {
        const string yaml = """
            agents:
              - agent_id: a
                image: ghcr.io/x/a
                resources: &small {cpu_request: 100m, memory_request: 128Mi, memory_limit: 256Mi}
              - agent_id: b
                image: ghcr.io/x/b
                resources: *small
            """;

        var result = SystemDescriptionLoader.Load(yaml);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(result.Description.Agents[0].Resources, result.Description.Agents[1].Resources);
        Assert.Equal("128Mi", result.Description.Agents[1].Resources.MemoryRequest);
    }

    [Fact]
    public void LoadFile_MissingFile_IsAProblemNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "system.yaml");

        var result = SystemDescriptionLoader.LoadFile(path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.File);
        Assert.StartsWith("cannot read the file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_HugeFile_IsAProblemWithoutReadingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "mao-" + Guid.NewGuid().ToString("N") + ".yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(SystemDescriptionLoader.MaxFileBytes + 1);
        }

        try
        {
            var problem = Assert.Single(SystemDescriptionLoader.LoadFile(path).Problems);

            Assert.Equal(path, problem.File);
            Assert.Contains("a system description may have at most 4194304", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_File_ReportsTheFilePathInProblems()
    {
        var path = Path.Combine(Path.GetTempPath(), "mao-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "agents:\n  - agent_id: a\n    image: x\n    tag: ''\n");
        try
        {
            var problem = Assert.Single(SystemDescriptionLoader.LoadFile(path).Problems);

            Assert.Equal($"{path}:4: agents[0].tag: '' is not an image tag (1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-')", problem.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
