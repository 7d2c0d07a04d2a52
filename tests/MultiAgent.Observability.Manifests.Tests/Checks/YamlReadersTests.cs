using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Manifests.Tests.Checks;

/// <summary>Reads the generated YAML with a YAML 1.1 reader (as kubectl's go-yaml does) and checks every ambiguous env value stays a string.</summary>
public sealed class YamlReadersTests
{
    [Fact]
    public void Yaml11Reader_AmbiguousEnvironmentValues_StayStrings()
    {
        var validator = Peers.RequireManifestValidator();
        var bundle = new ManifestGenerator().Generate(TestSystems.Large);
        var yaml = bundle.Agents.Single(a => a.AgentId == "coordinator").Documents.Single(d => d.Kind == "Deployment").Yaml;
        var directory = Directory.CreateTempSubdirectory("mao-yaml11-").FullName;
        var file = Path.Combine(directory, "deployment.yaml");
        File.WriteAllText(file, yaml);
        var script = Path.Combine(Path.GetDirectoryName(validator)!, "yaml11-env.mjs");
        File.WriteAllText(script, """
            import { readFileSync } from 'node:fs';
            import { parse } from 'yaml';
            const doc = parse(readFileSync(process.argv[2], 'utf8'), { version: '1.1' });
            for (const e of doc.spec.template.spec.containers[0].env) {
              if ('value' in e) console.log(JSON.stringify([e.name, typeof e.value, e.value]));
            }
            """);

        try
        {
            var (exitCode, output) = Peers.Run("node", [script, file], workingDirectory: Path.GetDirectoryName(validator));

            Assert.True(exitCode == 0, output);
            var read = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => System.Text.Json.JsonSerializer.Deserialize<string[]>(l)!)
                .ToDictionary(a => a[0], a => (Type: a[1], Value: a[2]));
            foreach (var (name, value) in TestSystems.AmbiguousEnvironment)
            {
                Assert.Equal(("string", value), read[name]);
            }
        }
        finally
        {
            File.Delete(script);
        }
    }
}
