namespace MultiAgent.Observability.Tests;

public sealed class AgentIdTests
{
    public static TheoryData<string> ValidIds => new()
    {
        "a",
        "7",
        "agent-1",
        "agent.v2",
        "Agent_1",
        "research.agent-01_eu",
        "1st-agent",
        new string('x', AgentId.MaxLength),
    };

    public static TheoryData<string, string[]> InvalidIds => new()
    {
        { "_agent", ["start with a letter or digit", "'_'"] },
        { "-agent", ["start with a letter or digit", "'-'"] },
        { ".agent", ["start with a letter or digit", "'.'"] },
        { "agent 1", ["' '", "index 5"] },
        { "agént", ["'é'", "index 2"] },
        { "a/b", ["'/'", "index 1"] },
        { "a:b", ["':'", "index 1"] },
        { "agent\n", ["index 5"] },
        { new string('x', AgentId.MaxLength + 1), ["129 characters", "at most 128"] },
    };

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void Parse_ValidId_KeepsValue(string value)
    {
        var id = AgentId.Parse(value);

        Assert.Equal(value, id.Value);
        Assert.Equal(value, id.ToString());
        Assert.Null(AgentId.Validate(value));
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void Parse_InvalidId_ThrowsNamingCharacterAndIndex(string value, string[] expectedFragments)
    {
        var ex = Assert.Throws<ArgumentException>(() => AgentId.Parse(value));

        Assert.Equal("value", ex.ParamName);
        foreach (var fragment in expectedFragments)
        {
            Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith(AgentId.Validate(value)!, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_ThrowsSayingEmpty()
    {
        var ex = Assert.Throws<ArgumentException>(() => AgentId.Parse(string.Empty));

        Assert.Contains("must not be empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooLong_ShowsOnlyAPrefix()
    {
        var error = AgentId.Validate(new string('x', 1000));

        Assert.NotNull(error);
        Assert.DoesNotContain(new string('x', 17), error, StringComparison.Ordinal);
        Assert.Contains("1000 characters", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void TryParse_ValidId_ReturnsTrueAndId(string value)
    {
        Assert.True(AgentId.TryParse(value, out var id));
        Assert.Equal(value, id.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("_agent")]
    [InlineData("agent 1")]
    [InlineData("agent🤖")]
    public void TryParse_InvalidId_ReturnsFalseAndDefault(string? value)
    {
        Assert.False(AgentId.TryParse(value, out var id));
        Assert.Equal(default, id);
        Assert.Equal(string.Empty, id.Value);
    }

    [Fact]
    public void Default_Value_IsEmptyString()
    {
        var id = default(AgentId);

        Assert.Equal(string.Empty, id.Value);
        Assert.Equal(string.Empty, id.ToString());
        Assert.Equal(default(AgentId), id);
        Assert.True(id < AgentId.Parse("a"));
    }

    [Fact]
    public void Equals_DifferentCase_NotEqual()
    {
        var lower = AgentId.Parse("agent");
        var upper = AgentId.Parse("Agent");

        Assert.NotEqual(lower, upper);
        Assert.False(lower == upper);
        Assert.True(lower != upper);
    }

    [Fact]
    public void Equals_SameText_EqualWithSameHashCode()
    {
        var a = AgentId.Parse("agent-1");
        var b = AgentId.Parse(new string("agent-1".ToCharArray()));

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<AgentId> { a, b });
    }

    [Fact]
    public void CompareTo_UpperAndLowerCase_SortsOrdinally()
    {
        // A culture-aware comparison puts "apple" before "Banana"; ordinal puts 'B' (66) before 'a' (97).
        var upper = AgentId.Parse("Banana");
        var lower = AgentId.Parse("apple");

        Assert.True(upper.CompareTo(lower) < 0);
        Assert.True(upper < lower);
        Assert.True(lower > upper);
        Assert.True(upper <= lower);
        Assert.True(lower >= upper);
        Assert.Equal(0, upper.CompareTo(AgentId.Parse("Banana")));
    }

    [Fact]
    public void CompareTo_Digits_SortsByCharacterNotNumber()
    {
        string[] sorted = [.. new[] { "agent-10", "agent-9", "agent-1" }.Select(AgentId.Parse).Order().Select(static id => id.Value)];

        Assert.Equal(["agent-1", "agent-10", "agent-9"], sorted);
    }
}
