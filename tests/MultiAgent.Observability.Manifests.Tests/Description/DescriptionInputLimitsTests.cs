using System.Text;

namespace MultiAgent.Observability.Manifests.Tests.Description;

/// <summary>The loader's bounds on what it reads: bytes, encoding, and the size of a description once its aliases are expanded.</summary>
public sealed class DescriptionInputLimitsTests
{
    [Fact]
    public void LoadFile_DevZero_IsOneProblemAtTheCap()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "/dev/zero exists on Linux and macOS only");

        var problem = Assert.Single(SystemDescriptionLoader.LoadFile("/dev/zero").Problems);

        Assert.Equal("/dev/zero", problem.File);
        Assert.StartsWith("the file is larger than 4194304 bytes;", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_Directory_IsAProblemSayingSo()
    {
        var directory = Path.GetTempPath();

        var problem = Assert.Single(SystemDescriptionLoader.LoadFile(directory).Problems);

        Assert.Equal("cannot read the file: it is a directory", problem.Message);
    }

    [Fact]
    public void Decode_ByteOrderMark_IsSkipped()
    {
        var text = BoundedTextFile.Decode([0xEF, 0xBB, 0xBF, .. "agents: []\n"u8], "a system description", out var problem);

        Assert.Null(problem);
        Assert.Equal("agents: []\n", text);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xFF }, 1, 1, 2)]
    [InlineData(new byte[] { 0x61, 0x0A, 0x62, 0xC3 }, 2, 3, 2)]
    [InlineData(new byte[] { 0x0A, 0x0A, 0xED, 0xA0, 0x80 }, 3, 2, 1)]
    public void Decode_InvalidUtf8_NamesItsLineAndByteOffset(byte[] bytes, int line, int offset, int column)
    {
        var text = BoundedTextFile.Decode(bytes, "a system description", out var problem);

        Assert.Null(text);
        Assert.Equal(line, problem!.Line);
        Assert.StartsWith($"invalid UTF-8 at byte offset {offset} of the file (byte {column} of the line, 0x{bytes[offset]:X2})", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasRepeatedPastTheValueLimit_IsOneProblemAtTheAlias()
    {
        var text = new StringBuilder("shared: &e\n");
        for (var i = 0; i < 1000; i++)
        {
            text.Append("  K").Append(i).Append(": v\n");
        }

        text.Append("agents:\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append("  - environment: *e\n");
        }

        var problem = Assert.Single(SystemDescriptionLoader.Load(text.ToString(), "f").Problems);

        Assert.Equal(1026, problem.Line);
        Assert.Equal(
            "the alias '*e' (repeating 2001 values of '&e') takes the description past 50000 values (keys, values and list items, each alias counting the values it repeats), the most a system description may have",
            problem.Message);
    }

    [Fact]
    public void Load_AliasesWithinTheLimits_AreRead()
    {
        var result = SystemDescriptionLoader.Load(
            "agents:\n  - agent_id: a\n    image: ghcr.io/acme/a\n    resources: &r {cpu_request: 100m}\n  - agent_id: b\n    image: ghcr.io/acme/b\n    resources: *r\n");

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }
}
