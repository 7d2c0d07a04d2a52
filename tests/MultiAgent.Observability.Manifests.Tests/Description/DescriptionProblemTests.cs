namespace MultiAgent.Observability.Manifests.Tests;

public sealed class DescriptionProblemTests
{
    [Fact]
    public void ToString_FileAndLine_IsCompilerFormat() =>
        Assert.Equal("system.yaml:12: agents[0].tag: bad", new DescriptionProblem("agents[0].tag", "bad") { File = "system.yaml", Line = 12 }.ToString());

    [Fact]
    public void ToString_NoLocation_IsPathAndMessage() =>
        Assert.Equal("agents[0].tag: bad", new DescriptionProblem("agents[0].tag", "bad").ToString());

    [Fact]
    public void ToString_FileWithoutLine_OmitsLine() =>
        Assert.Equal("system.yaml: agents: bad", new DescriptionProblem("agents", "bad") { File = "system.yaml" }.ToString());

    [Fact]
    public void ToString_LineWithoutFile_SaysLine() =>
        Assert.Equal("line 3: agents: bad", new DescriptionProblem("agents", "bad") { Line = 3 }.ToString());

    [Fact]
    public void ToString_EmptyPath_OmitsPath() =>
        Assert.Equal("system.yaml:1: YAML syntax error", new DescriptionProblem("", "YAML syntax error") { File = "system.yaml", Line = 1 }.ToString());

    [Fact]
    public void InvalidSystemDescriptionException_Problems_AreListedInTheMessage()
    {
        var problems = new[] { new DescriptionProblem("a", "one"), new DescriptionProblem("b", "two") };

        var exception = new InvalidSystemDescriptionException(problems);

        Assert.Same(problems, exception.Problems);
        Assert.Equal("The system description has 2 problems:\n  a: one\n  b: two", exception.Message);
    }
}
