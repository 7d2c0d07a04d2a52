using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Testing;
using YamlDotNet.Serialization;

namespace MultiAgent.Observability.Manifests.Tests.Hosting;

/// <summary>A host with <c>AddAlerting()</c> and <c>AddManifestGeneration()</c>: the bundle deploys the rules the host runs.</summary>
public sealed class ManifestGenerationHostTests
{
    private static readonly string s_descriptionFile = Path.Combine(Peers.RepoRoot, "samples", "manifests", "multi-agent-system.yaml");

    private static AlertRuleGroup QueueGroup() => new()
    {
        Name = "host-queues",
        Interval = TimeSpan.FromSeconds(30),
        Labels = { ["team"] = "agents" },
        Rules =
        {
            new AlertRule
            {
                Name = "QueueBacklog",
                Expression = "agent_queue_depth > 20",
                For = TimeSpan.FromMinutes(2),
                KeepFiringFor = TimeSpan.FromMinutes(5),
                Severity = Severity.Critical,
                Annotations = { ["summary"] = "{{ $labels.agent_id }} has {{ $value }} queued" },
            },
        },
    };

    private static AlertRuleGroup HysteresisGroup() => new()
    {
        Name = "host-latency",
        Rules =
        {
            new AlertRule { Name = "SlowAgent", Expression = "agent_latency_seconds > 5" },
            new AlertRule { Name = "FlappingLatency", Expression = "agent_latency_seconds > 10", ResolveThreshold = 8 },
        },
    };

    private static IHost Build(Action<IMultiAgentMonitoringBuilder> configure, FakeLogCollector? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        }

        configure(builder.Services.AddMultiAgentMonitoring());
        return builder.Build();
    }

    [Fact]
    public async Task Generate_HostWithAlertingRules_RuleFileAndPrometheusRuleHoldThemAfterTheBuiltInGroup()
    {
        using var host = Build(b => b
            .AddAlerting(o => o.Groups.Add(QueueGroup()))
            .AddManifestGeneration(o => o.DescriptionFile = s_descriptionFile));
        await host.StartAsync();

        var bundle = host.Services.GetRequiredService<HostManifests>().Generate();

        var ruleFile = RuleFile(bundle);
        var groups = Groups(ruleFile);
        Assert.Equal([bundle.SystemName, "host-queues", "gen-ai-loops"], groups.Select(g => (string)g["name"]));
        var rule = Assert.Single((List<object>)groups[1]["rules"]);
        var fields = (Dictionary<object, object>)rule;
        Assert.Equal("QueueBacklog", fields["alert"]);
        Assert.Equal("agent_queue_depth > 20", fields["expr"]);
        Assert.Equal("2m", fields["for"]);
        Assert.Equal("5m", fields["keep_firing_for"]);
        Assert.Equal("30s", groups[1]["interval"]);
        var labels = (Dictionary<object, object>)fields["labels"];
        Assert.Equal("critical", labels["severity"]);
        Assert.Equal("agents", labels["team"]);
        Assert.Equal("{{ $labels.agent_id }} has {{ $value }} queued", ((Dictionary<object, object>)fields["annotations"])["summary"]);

        var prometheusRule = bundle.MonitoringDocuments.Single(d => d.Kind == "PrometheusRule").Yaml;
        var spec = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(prometheusRule)["spec"];
        Assert.Equal(groups.Count, ((List<object>)spec["groups"]).Count);
        Assert.Contains("QueueBacklog", prometheusRule, StringComparison.Ordinal);
        Assert.Empty(bundle.UnexportedRules);
        await host.StopAsync();
    }

    [Fact]
    public void Generate_RuleWithHysteresis_LeftOutReportedAndLogged()
    {
        var logs = new FakeLogCollector(Options.Create(new FakeLogCollectorOptions()));
        using var host = Build(b => b.AddAlerting(o => o.Groups.Add(HysteresisGroup())).AddManifestGeneration(o => o.DescriptionFile = s_descriptionFile), logs);

        var bundle = host.Services.GetRequiredService<HostManifests>().Generate();

        var unexported = Assert.Single(bundle.UnexportedRules);
        Assert.Equal("host-latency", unexported.Group);
        Assert.Equal("FlappingLatency", unexported.Rule);
        Assert.Contains("hysteresis", unexported.Reason, StringComparison.Ordinal);
        var ruleFile = RuleFile(bundle);
        Assert.Contains("SlowAgent", ruleFile, StringComparison.Ordinal);
        Assert.DoesNotContain("FlappingLatency", ruleFile, StringComparison.Ordinal);
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 5001);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("host-latency/FlappingLatency", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_IncludeHostRulesOff_OnlyTheBuiltInGroup()
    {
        using var host = Build(b => b.AddAlerting(o => o.Groups.Add(QueueGroup())).AddManifestGeneration(o =>
        {
            o.DescriptionFile = s_descriptionFile;
            o.IncludeHostRules = false;
        }));

        var bundle = host.Services.GetRequiredService<HostManifests>().Generate();

        Assert.Equal([bundle.SystemName], Groups(RuleFile(bundle)).Select(g => (string)g["name"]));
    }

    [Fact]
    public void Generate_HostGroupNamedLikeTheSystem_DescriptionProblemNamesIt()
    {
        var description = SystemDescriptionLoader.LoadFile(s_descriptionFile).Description!;
        var group = QueueGroup();
        group.Name = description.Name;
        using var host = Build(b => b.AddAlerting(o => o.Groups.Add(group)).AddManifestGeneration());

        var error = Assert.Throws<InvalidSystemDescriptionException>(() => host.Services.GetRequiredService<ManifestGenerator>().Generate(description));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("name", problem.Path);
        Assert.Contains($"'{description.Name}'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidDescriptionFile_FailsWithFileAndLine()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mao-host-").FullName, "system.yaml");
        File.WriteAllText(file, "name: shop\nagents:\n  - agent_id: planner\n    image: registry.example/planner\n    tag: \"1.0\"\n    scaling:\n      min_replicas: many\n");
        using var host = Build(b => b.AddManifestGeneration(new ConfigurationBuilder()
            .AddInMemoryCollection([new("DescriptionFile", file)]).Build()));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains(file + ":", StringComparison.Ordinal) && f.Contains("min_replicas", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_NoDescriptionFile_SaysWhichOptionToSet()
    {
        using var host = Build(b => b.AddManifestGeneration().AddManifestGeneration());

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<HostManifests>().Generate());

        Assert.Contains("DescriptionFile", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Services.GetServices<ManifestGenerator>());
    }

    [Fact]
    public void CheckRules_HostBundle_PromtoolAndStrictValidatorAccept()
    {
        var promtool = Peers.Require("promtool");
        var validator = Peers.RequireManifestValidator();
        using var host = Build(b => b.AddAlerting(o => o.Groups.Add(QueueGroup())).AddManifestGeneration(o => o.DescriptionFile = s_descriptionFile));
        var bundle = host.Services.GetRequiredService<HostManifests>().Generate();
        var directory = Directory.CreateTempSubdirectory("mao-host-bundle-").FullName;
        bundle.WriteTo(directory);

        var (rulesExit, rulesOutput) = Peers.Run(promtool, ["check", "rules", Path.Combine(directory, "prometheus", bundle.SystemName + ".rules.yaml")]);
        var monitoring = bundle.Files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.Contains('/', StringComparison.Ordinal) && f.Path != ManifestBundle.KustomizationFileName)
            .Select(f => Path.Combine(directory, f.Path)).ToList();
        var (validatorExit, validatorOutput) = Peers.Run("node", ["validate.mjs", "--strict", .. monitoring], workingDirectory: Path.GetDirectoryName(validator));

        Assert.True(rulesExit == 0, rulesOutput);
        Assert.Contains("SUCCESS", rulesOutput, StringComparison.Ordinal);
        Assert.True(validatorExit == 0, validatorOutput);
        Assert.DoesNotContain("FAIL", validatorOutput, StringComparison.Ordinal);
    }

    private static string RuleFile(ManifestBundle bundle) =>
        bundle.Files.Single(f => f.Path == "prometheus/" + bundle.SystemName + ".rules.yaml").Content;

    private static List<Dictionary<object, object>> Groups(string ruleFile) =>
        [.. ((List<object>)new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(ruleFile)["groups"]).Cast<Dictionary<object, object>>()];
}
