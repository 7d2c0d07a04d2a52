namespace MultiAgent.Observability.Manifests.Tests;

public sealed class SystemDescriptionValidatorTests
{
    private static readonly AgentDescription Research = new() { Id = "research-agent", Image = "ghcr.io/example/research-agent", Tag = "1.0.0" };

    [Fact]
    public void Validate_DefaultsWithOneAgent_HasNoProblems() =>
        Assert.Empty(SystemDescriptionValidator.Validate(new SystemDescription { Agents = [Research] }));

    [Fact]
    public void Validate_NoAgents_IsAProblem()
    {
        var problem = Assert.Single(SystemDescriptionValidator.Validate(new SystemDescription()));

        Assert.Equal("agents", problem.Path);
        Assert.Null(problem.Line);
        Assert.Null(problem.File);
    }

    [Fact]
    public void Validate_BuiltInCode_ReportsSnakeCasePathsWithoutLines()
    {
        var description = new SystemDescription
        {
            Agents =
            [
                Research with
                {
                    Resources = new ResourceDescription { MemoryLimit = "1GB" },
                    Scaling = new ScalingDescription { TargetCpu = 0 },
                },
            ],
        };

        var problems = SystemDescriptionValidator.Validate(description);

        Assert.Equal(
            [
                "agents[0].resources.memory_limit: '1GB' is not a Kubernetes quantity; did you mean '1Gi'?",
                "agents[0].scaling.target_cpu: 0 is not a CPU utilisation percent (1 to 100)",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_NullsFromCode_AreProblemsNotExceptions()
    {
        var description = new SystemDescription
        {
            Name = null!,
            Namespace = null!,
            ClusterVersion = null!,
            Mesh = null!,
            Monitoring = null!,
            Agents =
            [
                null!,
                new AgentDescription
                {
                    Id = null!,
                    Image = null!,
                    Tag = null!,
                    Resources = null!,
                    Environment = [new(null!, null!)],
                    Ports = [null!],
                    HealthCheck = null!,
                    Scaling = null!,
                    RoutingRules = [null!, new RoutingRuleDescription { Headers = null!, RetryPolicy = new RetryPolicyDescription { RetryOn = null! } }],
                    LoadBalancer = null!,
                    Callers = [null!],
                    Labels = null!,
                    MetricsPath = null!,
                },
            ],
        };

        var problems = SystemDescriptionValidator.Validate(description);

        Assert.Contains(problems, p => p.Path == "agents[0]");
        Assert.Contains(problems, p => p.Path == "agents[1].agent_id");
        Assert.Contains(problems, p => p.Path == "mesh");
        Assert.Contains(problems, p => p.Path == "agents[1].callers[0]");
    }

    [Fact]
    public void Validate_HealthCheckPortNamesMetricsPort_IsAccepted()
    {
        var agent = Research with
        {
            MetricsPort = new PortDescription { Name = "metrics", Port = 9090 },
            HealthCheck = new HealthCheckDescription { PortName = "metrics" },
        };

        Assert.Empty(SystemDescriptionValidator.Validate(new SystemDescription { Agents = [agent] }));
    }

    [Fact]
    public void Validate_HttpMetricsPortNameWithSeparateMetricsPort_CollidesWithTheServicePortName()
    {
        var agent = Research with
        {
            Ports = [new PortDescription { Name = "http", Port = 8080 }, new PortDescription { Name = "http-metrics", Port = 8081 }],
            MetricsPort = new PortDescription { Name = "metrics", Port = 9090 },
        };

        var problem = Assert.Single(SystemDescriptionValidator.Validate(new SystemDescription { Agents = [agent] }));

        Assert.Equal("agents[0].ports[1].name", problem.Path);
    }

    [Fact]
    public void Validate_WeightedRoutesAddingUpTo100_AreAccepted()
    {
        var headers = new HeaderMatchDescription[] { new() { Name = "x-canary", Value = "true" } };
        var agent = Research with
        {
            Ports = [new PortDescription { Name = "http", Port = 8080 }, new PortDescription { Name = "http-canary", Port = 8081 }],
            RoutingRules =
            [
                new RoutingRuleDescription { Headers = headers, Port = 8080, Weight = 90 },
                new RoutingRuleDescription { Headers = headers, Port = 8081, Weight = 10 },
                new RoutingRuleDescription(),
            ],
        };

        Assert.Empty(SystemDescriptionValidator.Validate(new SystemDescription { Agents = [agent] }));
    }

    [Fact]
    public void Validate_Environment_DuplicateNameFromCode_IsAProblem()
    {
        var agent = Research with { Environment = [new("A", "1"), new("A", "2")] };

        var problem = Assert.Single(SystemDescriptionValidator.Validate(new SystemDescription { Agents = [agent] }));

        Assert.Equal("agents[0].environment.A: duplicate environment variable 'A'", problem.ToString());
    }

    [Fact]
    public void Validate_DigestFormat_AcceptsSha256()
    {
        var agent = Research with { Digest = "sha256:" + new string('a', 64) };

        Assert.Empty(SystemDescriptionValidator.Validate(new SystemDescription { Agents = [agent] }));
    }

    [Fact]
    public void Validate_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => SystemDescriptionValidator.Validate(null!));
}
