using System.Text;
using CsCheck;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>
/// <c>multiagent manifests generate</c> over random system descriptions, random mutations of them (flipped, deleted,
/// inserted and invalid-UTF-8 bytes, truncation) and alias amplifications: it only ever exits 0 or 1, writes nothing
/// on 1, leaves no staging folder, and allocates a bounded amount whatever the input.
/// </summary>
public sealed class GeneratePropertyTests
{
    // Inputs here are at most ~60 KB; the value limit (50,000) caps what aliases can make of them. The measured worst
    // case is under 32 MB; a regression that lets one input grow without bound crosses this.
    private const long AllocationBound = 256L * 1024 * 1024;

    // Each field is valid 30 times in 31, so a good share of descriptions generate a bundle and the rest fail on one or two problems.
    private static readonly Gen<string> Id = Gen.Frequency((30, Gen.Int[0, 99].Select(i => "agent-" + i)), (1, Gen.OneOf("Bad_Id", "", "9lives", "x")));
    private static readonly Gen<string> Image = Gen.Frequency((30, Gen.Const("ghcr.io/acme/research")), (1, Gen.OneOf("ghcr.io/acme/a@sha256:0123", "", "UPPER/Case", "a b")));
    private static readonly Gen<string> Cpu = Gen.Frequency((30, Gen.OneOf("100m", "250m")), (1, Gen.OneOf("1GB", "-1", "abc", "''")));
    private static readonly Gen<string> Memory = Gen.Frequency((30, Gen.OneOf("1Gi", "2Gi")), (1, Gen.OneOf("1GB", "100m", "abc", "''")));
    private static readonly Gen<string> EnvName = Gen.Frequency((30, Gen.OneOf("LOG_LEVEL", "MODEL", "KEY", "TIMEOUT")), (1, Gen.OneOf("1BAD", "AGENT_ID", "A-B")));
    private static readonly Gen<string> Scalar = Gen.OneOf("x", "''", "~", "true", "3", "-7", "1e9", "\"quoted\"", "[a, b]", "{a: b}", "*missing", "&anchor x");

    private static readonly Gen<string> Agent =
        from id in Id
        from image in Image
        from env in EnvName.Array[0, 4]
        from cpu in Cpu
        from memory in Memory
        from callers in Gen.Frequency((30, Gen.Const(Array.Empty<string>())), (1, Id.Array[1, 2]))
        from replicas in Gen.Int[0, 3]
        from extraKey in Gen.Frequency((30, Gen.Const("")), (1, Gen.OneOf("metrics_port", "tag", "labels", "unknown_key", "health_check", "routing_rules")))
        from extraValue in Scalar
        select AgentYaml(id, image, [.. env.Distinct()], cpu, memory, callers, replicas, extraKey, extraValue);

    private static readonly Gen<string> Description =
        from name in Gen.Frequency((30, Gen.Const("multi-agent-system")), (1, Gen.OneOf("Bad Name", "x")))
        from ns in Gen.Frequency((30, Gen.Const("multi-agents")), (1, Gen.OneOf("Multi_Agents", "")))
        from mesh in Gen.Frequency((30, Gen.OneOf("", "mesh:\n  enabled: false\n", "mesh:\n  enabled: true\n  mtls_mode: STRICT\n")), (1, Gen.Const("mesh: 3\n")))
        from agents in Agent.Array[1, 4]
        select $"name: {name}\nnamespace: {ns}\n{mesh}agents:\n{string.Concat(agents)}";

    // One environment map shared by many agents: small text, up to N × M values once aliases are expanded.
    private static readonly Gen<string> Amplified =
        from variables in Gen.Int[1, 500]
        from agents in Gen.Int[1, 40]
        select AmplifiedYaml(variables, agents);

    private static readonly Gen<byte[]> Mutated =
        from text in Description
        from operation in Gen.Int[0, 4]
        from position in Gen.Int[0, int.MaxValue]
        from length in Gen.Int[1, 40]
        from noise in Gen.Byte.Array[1, 8]
        select Mutate(Encoding.UTF8.GetBytes(text), operation, position, length, noise);

    private static readonly Gen<byte[]> Input = Gen.Frequency(
        (4, Description.Select(Encoding.UTF8.GetBytes)),
        (4, Mutated),
        (1, Amplified.Select(Encoding.UTF8.GetBytes)));

    [Fact]
    public void Generate_AnyDescription_Exits0Or1_WritesNothingOn1_AndStaysWithinTheAllocationBound()
    {
        Input.Sample(
            bytes =>
            {
                using var temp = new TempDirectory();
                var file = temp.Combine("system.yaml");
                File.WriteAllBytes(file, bytes);
                var output = temp.Combine("bundle");

                var before = GC.GetAllocatedBytesForCurrentThread();
                var run = CliRun.Of("manifests", "generate", file, "--output", output);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

                Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
                Assert.True(allocated < AllocationBound, $"{allocated} bytes allocated for {bytes.Length} bytes of input");
                var entries = Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal);
                if (run.ExitCode == 1)
                {
                    Assert.Equal(["system.yaml"], entries);
                    Assert.EndsWith("nothing was written", run.StderrLines[^1], StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(["bundle", "system.yaml"], entries);
                    Assert.True(File.Exists(Path.Combine(output, "kustomization.yaml")));
                }
            },
            iter: 60,
            threads: 1);
    }

    private static string AgentYaml(string id, string image, string[] env, string cpu, string memory, string[] callers, int replicas, string extraKey, string extraValue)
    {
        var yaml = new StringBuilder()
            .Append("  - agent_id: ").Append(id).Append('\n')
            .Append("    image: ").Append(image).Append('\n')
            .Append("    resources:\n      cpu_request: ").Append(cpu).Append("\n      memory_limit: ").Append(memory).Append('\n');
        if (env.Length > 0)
        {
            yaml.Append("    environment:\n");
            foreach (var name in env)
            {
                yaml.Append("      ").Append(name).Append(": value\n");
            }
        }

        if (callers.Length > 0)
        {
            yaml.Append("    callers: [").AppendJoin(", ", callers).Append("]\n");
        }

        if (replicas > 0)
        {
            yaml.Append("    scaling:\n      min_replicas: ").Append(replicas).Append('\n');
        }

        if (extraKey.Length > 0)
        {
            yaml.Append("    ").Append(extraKey).Append(": ").Append(extraValue).Append('\n');
        }

        return yaml.ToString();
    }

    private static string AmplifiedYaml(int variables, int agents)
    {
        var yaml = new StringBuilder("agents:\n  - agent_id: a0\n    image: ghcr.io/acme/a\n    environment: &e\n");
        for (var i = 0; i < variables; i++)
        {
            yaml.Append("      V").Append(i).Append(": value\n");
        }

        for (var i = 1; i < agents; i++)
        {
            yaml.Append("  - agent_id: a").Append(i).Append("\n    image: ghcr.io/acme/a\n    environment: *e\n");
        }

        return yaml.ToString();
    }

    private static byte[] Mutate(byte[] text, int operation, int position, int length, byte[] noise)
    {
        var at = position % (text.Length + 1);
        var end = Math.Min(text.Length, at + length);
        return operation switch
        {
            // Flip bytes: structure characters, invalid UTF-8, control characters.
            0 => [.. text[..at], .. noise, .. text[Math.Min(text.Length, at + noise.Length)..]],

            // Delete a range.
            1 => [.. text[..at], .. text[end..]],

            // Insert bytes.
            2 => [.. text[..at], .. noise, .. text[at..]],

            // Truncate.
            3 => text[..at],

            // Duplicate a range (repeated keys, list items, indentation).
            _ => [.. text[..end], .. text[at..end], .. text[end..]],
        };
    }
}
