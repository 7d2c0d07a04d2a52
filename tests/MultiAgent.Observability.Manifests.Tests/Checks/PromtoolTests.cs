using MultiAgent.Observability.Testing;
using YamlDotNet.Serialization;

namespace MultiAgent.Observability.Manifests.Tests.Checks;

/// <summary>Checks the generated Prometheus files with promtool: rule files, the PrometheusRule's groups, the file-discovery config, and rule unit tests.</summary>
public sealed class PromtoolTests
{
    [Theory]
    [MemberData(nameof(GeneratedBundles.Names), MemberType = typeof(GeneratedBundles))]
    public void CheckRules_PlainRuleFile_Passes(string name)
    {
        var promtool = Peers.Require("promtool");
        var bundle = GeneratedBundles.Get(name);
        var directory = GeneratedBundles.WriteToTemp(bundle);

        var (exitCode, output) = Peers.Run(promtool, ["check", "rules", Path.Combine(directory, "prometheus", bundle.SystemName + ".rules.yaml")]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(GeneratedBundles.Names), MemberType = typeof(GeneratedBundles))]
    public void CheckRules_PrometheusRuleSpec_PassesAndEqualsThePlainFile(string name)
    {
        var promtool = Peers.Require("promtool");
        var bundle = GeneratedBundles.Get(name);
        var document = bundle.MonitoringDocuments.Single(d => d.Kind == "PrometheusRule");
        var parsed = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(document.Yaml);
        var spec = new SerializerBuilder().Build().Serialize(parsed["spec"]);
        var path = Path.Combine(Directory.CreateTempSubdirectory("mao-rules-").FullName, "prometheusrule-spec.yaml");
        File.WriteAllText(path, spec);

        var (exitCode, output) = Peers.Run(promtool, ["check", "rules", path]);

        Assert.True(exitCode == 0, output);
        var plain = bundle.Files.Single(f => f.Path == "prometheus/" + bundle.SystemName + ".rules.yaml").Content;
        Assert.Equal(
            new SerializerBuilder().Build().Serialize(new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(plain)),
            spec);
    }

    [Theory]
    [MemberData(nameof(GeneratedBundles.Names), MemberType = typeof(GeneratedBundles))]
    public void CheckConfig_FileDiscoveryConfig_Passes(string name)
    {
        var promtool = Peers.Require("promtool");
        var directory = GeneratedBundles.WriteToTemp(GeneratedBundles.Get(name));

        var (exitCode, output) = Peers.Run(promtool, ["check", "config", Path.Combine(directory, "prometheus", "prometheus-file-sd.yaml")]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("is valid prometheus config file syntax", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Debian's promtool has no Kubernetes discovery, so the pod-discovery config is checked with its discovery swapped
    /// for a static target: everything else (relabel regexes and actions, intervals, rule files) is checked for real.
    /// </summary>
    [Theory]
    [MemberData(nameof(GeneratedBundles.Names), MemberType = typeof(GeneratedBundles))]
    public void CheckConfig_KubernetesConfigWithStaticDiscovery_Passes(string name)
    {
        var promtool = Peers.Require("promtool");
        var directory = GeneratedBundles.WriteToTemp(GeneratedBundles.Get(name));
        var original = File.ReadAllText(Path.Combine(directory, "prometheus", "prometheus-kubernetes.yaml"));
        var config = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(original);
        foreach (Dictionary<object, object> job in (List<object>)config["scrape_configs"])
        {
            Assert.True(job.Remove("kubernetes_sd_configs"));
            job["static_configs"] = new List<object> { new Dictionary<string, object> { ["targets"] = new List<object> { "localhost:9090" } } };
        }

        var path = Path.Combine(directory, "prometheus", "prometheus-static.yaml");
        File.WriteAllText(path, new SerializerBuilder().Build().Serialize(config));

        var (exitCode, output) = Peers.Run(promtool, ["check", "config", path]);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void KubernetesConfig_PortKeepRule_KeepsExactlyEachAgentsMetricsPort()
    {
        var bundle = new ManifestGenerator().Generate(TestSystems.Large);
        var config = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(bundle.Files.Single(f => f.Path == "prometheus/prometheus-kubernetes.yaml").Content);
        var relabels = (List<object>)((Dictionary<object, object>)((List<object>)config["scrape_configs"])[0])["relabel_configs"];
        var keep = relabels.Cast<Dictionary<object, object>>().Single(r => ((List<object>)r["source_labels"]).Contains("__meta_kubernetes_pod_container_port_number"));
        var regex = new System.Text.RegularExpressions.Regex("^(?:" + (string)keep["regex"] + ")$");

        foreach (var agent in TestSystems.Large.Agents)
        {
            var metricsPort = (agent.MetricsPort ?? agent.Ports[0]).Port;
            foreach (var port in agent.Ports.Select(p => p.Port).Append(metricsPort).Distinct())
            {
                Assert.Equal(port == metricsPort, regex.IsMatch($"agent-{agent.Id};{port}"));
            }
        }
    }

    /// <summary>
    /// Feeds series shaped like the ServiceMonitor's scrape (job = system name, agent_id from the relabelling, instance,
    /// pod, namespace, .NET and Prometheus-client metric names) to the generated rules, and proves each alert fires,
    /// and that a healthy agent does not.
    /// </summary>
    [Fact]
    public void TestRules_SeriesShapedLikeTheScrape_FireTheDefaultAlerts()
    {
        var promtool = Peers.Require("promtool");
        var bundle = new ManifestGenerator().Generate(TestSystems.Large);
        var directory = GeneratedBundles.WriteToTemp(bundle);
        var ruleFile = Path.Combine(directory, "prometheus", "research-swarm.rules.yaml");
        const string Common = "job=\"research-swarm\", namespace=\"agents\", container=\"agent\", endpoint=\"http\"";
        string Target(string agent, string pod, string ip) =>
            $"{Common}, agent_id=\"{agent}\", pod=\"agent-{agent}-{pod}\", instance=\"{ip}:8080\", service=\"agent-{agent}\"";

        // writer: limits 500m CPU and 512Mi memory. coordinator: 1 CPU and 1Gi.
        var writerBusy = Target("writer", "7d9f", "10.0.0.7");
        var coordinatorIdle = Target("coordinator", "5c2a", "10.0.0.5");
        var unitTest = $$"""
            rule_files:
              - {{ruleFile}}
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'up{{{Target("critic", "6b1c", "10.0.0.6")}}}'
                    values: '0x20'
                  - series: 'up{{{writerBusy}}}'
                    values: '1x20'
                  - series: 'up{{{coordinatorIdle}}}'
                    values: '1x20'
                  - series: 'dotnet_process_cpu_time_seconds_total{{{writerBusy}}, cpu_mode="user"}'
                    values: '0+27x20'
                  - series: 'dotnet_process_cpu_time_seconds_total{{{writerBusy}}, cpu_mode="system"}'
                    values: '0+3x20'
                  - series: 'dotnet_process_memory_working_set_bytes{{{writerBusy}}}'
                    values: '500000000x20'
                  - series: 'process_cpu_seconds_total{{{coordinatorIdle}}}'
                    values: '0+6x20'
                  - series: 'process_resident_memory_bytes{{{coordinatorIdle}}}'
                    values: '300000000x20'
                alert_rule_test:
                  - eval_time: 10m
                    alertname: AgentDown
                    exp_alerts:
                      - exp_labels: { severity: critical, {{Target("critic", "6b1c", "10.0.0.6").Replace("=", ": ", StringComparison.Ordinal)}} }
                        exp_annotations:
                          summary: Agent critic is down
                          description: Prometheus could not scrape 10.0.0.6:8080 of agent critic for 5 minutes.
                  - eval_time: 10m
                    alertname: HighCpuUsage
                    exp_alerts:
                      - exp_labels: { severity: warning, job: research-swarm, agent_id: writer, instance: "10.0.0.7:8080" }
                        exp_annotations:
                          summary: High CPU usage on agent writer
                          description: 10.0.0.7:8080 of agent writer uses 100% of its CPU limit.
                  - eval_time: 10m
                    alertname: HighMemoryUsage
                    exp_alerts:
                      - exp_labels: { severity: warning, job: research-swarm, agent_id: writer, instance: "10.0.0.7:8080" }
                        exp_annotations:
                          summary: High memory usage on agent writer
                          description: 10.0.0.7:8080 of agent writer uses 93.13% of its memory limit.
                  - eval_time: 10m
                    alertname: AgentMetricsAbsent
                    exp_alerts: []
              - interval: 1m
                input_series:
                  - series: 'up{job="another-system", agent_id="x", instance="10.0.0.9:8080"}'
                    values: '1x20'
                alert_rule_test:
                  - eval_time: 15m
                    alertname: AgentMetricsAbsent
                    exp_alerts:
                      - exp_labels: { severity: warning, job: research-swarm }
                        exp_annotations:
                          summary: No agent of research-swarm is scraped
                          description: 'Prometheus has no target with job="research-swarm": the ServiceMonitor or scrape configuration is not picked up.'
            """;
        var testFile = Path.Combine(directory, "alerts.test.yaml");
        File.WriteAllText(testFile, unitTest);

        var (exitCode, output) = Peers.Run(promtool, ["test", "rules", testFile]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }
}
