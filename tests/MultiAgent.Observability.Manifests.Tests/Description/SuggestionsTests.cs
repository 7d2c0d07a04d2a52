namespace MultiAgent.Observability.Manifests.Tests.Description;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("reserch-agent", "research-agent")]
    [InlineData("RESEARCH_AGENT", "research-agent")]
    [InlineData("planer", "planner")]
    [InlineData("writer", "writer")]
    [InlineData("x", null)]
    [InlineData("research-agent-with-a-much-longer-name", null)]
    [InlineData("", null)]
    public void Closest_AgentIds_TypoOrNothing(string text, string? expected)
    {
        string[] ids = ["planner", "research-agent", "writer", "reviewer"];

        Assert.Equal(expected, Suggestions.Closest(text, ids));
    }

    [Fact]
    public void Closest_TwoEquallyClose_FirstWins()
    {
        Assert.Equal("abcx", Suggestions.Closest("abcd", ["zzzzzzzz", "abcx", "abcy"]));
    }

    [Fact]
    public void Closest_FarCandidateFirst_StillFindsTheCloseOne()
    {
        // The first candidate is within the length window but over the limit; it must not hide a real match.
        Assert.Equal("agent-7", Suggestions.Closest("agent_7", ["zzzzzzz", "agent-7"]));
    }
}
