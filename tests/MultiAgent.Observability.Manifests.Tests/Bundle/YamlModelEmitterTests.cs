using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.Serialization;

namespace MultiAgent.Observability.Manifests.Tests.Bundle;

public sealed class YamlModelEmitterTests
{
    private static readonly IDeserializer s_reader = new DeserializerBuilder().Build();

    [Theory]
    [InlineData("line one\nline two\n")]
    [InlineData("line one\nline two")]
    [InlineData("{\n  \"a\": 1\n}\n")]
    public void Serialize_MultiLineText_IsALiteralBlockThatReadsBackExactly(string text)
    {
        var yaml = YamlModelEmitter.Serialize(new Dictionary<string, string> { ["text"] = text });

        Assert.StartsWith(text.EndsWith('\n') ? "text: |\n" : "text: |-\n", yaml, StringComparison.Ordinal);
        Assert.Equal(text, ReadBack(yaml));
    }

    [Theory]
    [InlineData("trailing space \nnext")]
    [InlineData(" leading space\nnext")]
    [InlineData("two breaks\n\n")]
    [InlineData("tab\there")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("bell \u0007 and line separator \u2028")]
    [InlineData("- looks like a list")]
    [InlineData("key: value")]
    [InlineData("value # comment")]
    [InlineData("ends with colon:")]
    public void Serialize_TextAPlainScalarWouldChange_ReadsBackExactly(string text)
    {
        var yaml = YamlModelEmitter.Serialize(new Dictionary<string, string> { ["text"] = text });

        Assert.Equal(text, ReadBack(yaml));
    }

    [Theory]
    [InlineData("on")]
    [InlineData("0x1F")]
    [InlineData("1:30")]
    [InlineData("8080")]
    public void Serialize_AmbiguousMapKey_IsDoubleQuoted(string key) =>
        Assert.Equal($"\"{key}\": x\n", YamlModelEmitter.Serialize(new Dictionary<string, string> { [key] = "x" }));

    [Fact]
    public void Serialize_LongText_StaysOnOneLine()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 100));

        Assert.Equal("text: " + text + "\n", YamlModelEmitter.Serialize(new Dictionary<string, string> { ["text"] = text }));
    }

    [Fact]
    public void Serialize_IntOrString_WritesNumbersPlainAndNamesAsText()
    {
        var yaml = YamlModelEmitter.Serialize(new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 });
        var named = YamlModelEmitter.Serialize(new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" });

        Assert.Contains("targetPort: 8080\n", yaml, StringComparison.Ordinal);
        Assert.Contains("targetPort: http\n", named, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Model_PutsApiVersionKindMetadataFirstAndOmitsNulls()
    {
        var yaml = YamlModelEmitter.Serialize(new Probe("a", null, [], new Dictionary<string, string>(), "v1", "Thing"));

        Assert.Equal("apiVersion: v1\nkind: Thing\nname: a\nitems: []\nmap: {}\n", yaml);
    }

    private static string ReadBack(string yaml) => s_reader.Deserialize<Dictionary<string, string>>(yaml)["text"];

    private sealed record Probe(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("missing")] string? Missing,
        [property: JsonPropertyName("items")] IReadOnlyList<string> Items,
        [property: JsonPropertyName("map")] IReadOnlyDictionary<string, string> Map,
        [property: JsonPropertyName("apiVersion")] string ApiVersion,
        [property: JsonPropertyName("kind")] string Kind);
}
