using System.Text;
using System.Text.Json;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Manifests.Tests;

/// <summary>The committed sample, samples/manifests/multi-agent-system.yaml, loads to the description it documents.</summary>
public sealed class SampleDescriptionTests
{
    private static string SamplePath => Path.Combine(Peers.RepoRoot, "samples", "manifests", "multi-agent-system.yaml");

    [Fact]
    public void LoadFile_Sample_IsValidAndMapsEveryKey()
    {
        var result = SystemDescriptionLoader.LoadFile(SamplePath);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        var system = result.Description;
        Assert.Equal("multi-agents", system.Namespace);
        Assert.Equal(["research-agent", "writer-agent"], system.Agents.Select(a => a.Id));
        var research = system.Agents[0];
        Assert.Equal("1.4.2", research.Tag);
        Assert.Equal(new ResourceDescription { CpuRequest = "250m", MemoryRequest = "512Mi", CpuLimit = "1", MemoryLimit = "1Gi" }, research.Resources);
        Assert.Equal(new KeyValuePair<string, string>("STREAMING", "on"), research.Environment[2]);
        Assert.Equal(new ScalingDescription { InitialReplicas = 3, MinReplicas = 2, MaxReplicas = 10, TargetCpu = 70, TargetMemory = 80 }, research.Scaling);
        Assert.Equal("http", research.HealthCheck.PortName);
        Assert.Equal(3, research.RoutingRules.Count);
        Assert.NotNull(research.RoutingRules[0].RetryPolicy);
        Assert.Equal(new HeaderMatchDescription { Name = "x-tenant", Kind = HeaderMatchKind.Prefix, Value = "acme-" }, research.RoutingRules[0].Headers[1]);
        Assert.Null(research.RoutingRules[0].FaultInjection);
        Assert.NotNull(research.RoutingRules[1].FaultInjection);
        Assert.Null(research.RoutingRules[1].RetryPolicy);
        Assert.Equal(["writer-agent"], research.Callers);
        Assert.Equal(["research-agent"], system.Agents[1].Callers);
    }

    [Fact]
    public void Load_SampleAsJson_GivesTheSameDescription()
    {
        var yaml = SystemDescriptionLoader.LoadFile(SamplePath);
        var json = SystemDescriptionLoader.Load(YamlToJson(File.ReadAllText(SamplePath)), "multi-agent-system.json");

        Assert.True(json.IsValid, string.Join('\n', json.Problems));
        Assert.Equal(Snapshot(yaml.Description!), Snapshot(json.Description));
    }

    [Fact]
    public void Validate_SampleDescription_AgreesWithTheLoader()
    {
        var result = SystemDescriptionLoader.LoadFile(SamplePath);

        Assert.Empty(SystemDescriptionValidator.Validate(result.Description!));
    }

    /// <summary>A deep, order-preserving rendering of a description: records with lists do not compare by value.</summary>
    private static string Snapshot(SystemDescription description) => JsonSerializer.Serialize(description);

    /// <summary>Converts the sample to JSON with the description's own YAML reader, keeping every scalar as written.</summary>
    private static string YamlToJson(string yaml)
    {
        var root = YamlTree.Read(yaml, out var error);
        Assert.Null(error);
        var builder = new StringBuilder();
        Write(root!, builder, 0);
        return builder.ToString();

        static void Write(YamlTreeNode node, StringBuilder builder, int depth)
        {
            var indent = new string(' ', 2 * (depth + 1));
            switch (node)
            {
                case YamlTreeMapping mapping:
                    builder.Append("{\n");
                    for (var i = 0; i < mapping.Entries.Count; i++)
                    {
                        builder.Append(indent).Append(JsonSerializer.Serialize(((YamlTreeScalar)mapping.Entries[i].Key).Value)).Append(": ");
                        Write(mapping.Entries[i].Value, builder, depth + 1);
                        builder.Append(i + 1 < mapping.Entries.Count ? ",\n" : "\n");
                    }

                    builder.Append(new string(' ', 2 * depth)).Append('}');
                    break;
                case YamlTreeSequence sequence:
                    builder.Append('[');
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Write(sequence.Items[i], builder, depth + 1);
                        builder.Append(i + 1 < sequence.Items.Count ? ", " : "");
                    }

                    builder.Append(']');
                    break;
                case YamlTreeScalar scalar:
                    // Numbers and booleans stay bare so the JSON has the same types as the YAML.
                    var bare = scalar.Plain && (scalar.Value is "true" or "false" || double.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
                    builder.Append(bare ? scalar.Value : JsonSerializer.Serialize(scalar.Value));
                    break;
            }
        }
    }
}
