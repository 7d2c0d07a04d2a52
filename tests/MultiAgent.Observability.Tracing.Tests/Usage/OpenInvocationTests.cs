namespace MultiAgent.Observability.Tracing.Tests.Usage;

public sealed class OpenInvocationTests
{
    [Fact]
    public void Count_ByKind_CountsEachKindAndRemembersOwnTokens()
    {
        var slots = new SeriesSlots("planner");
        var invocation = new OpenInvocation(slots);

        invocation.Count(inference: true, tool: false, ownTokens: false);
        invocation.Count(inference: true, tool: false, ownTokens: true);
        invocation.Count(inference: false, tool: true, ownTokens: false);
        invocation.Count(inference: false, tool: false, ownTokens: false);

        Assert.Equal((2, 1, true), (invocation.Inference, invocation.Tool, invocation.TokensBelow));
        Assert.Equal(("planner", slots), (invocation.Agent, invocation.Slots));
    }
}
