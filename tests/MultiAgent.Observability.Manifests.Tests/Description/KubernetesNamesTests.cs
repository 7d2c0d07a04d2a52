namespace MultiAgent.Observability.Manifests.Tests;

public sealed class KubernetesNamesTests
{
    [Theory]
    [InlineData("research-agent", true)]
    [InlineData("a", true)]
    [InlineData("0agent", true)]
    [InlineData("Research-Agent", false)]
    [InlineData("research_agent", false)]
    [InlineData("-agent", false)]
    [InlineData("agent-", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void IsDns1123Label_Examples_MatchTheGrammar(string name, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsDns1123Label(name));

    [Fact]
    public void IsDns1123Label_64Characters_IsTooLong()
    {
        Assert.True(KubernetesNames.IsDns1123Label(new string('a', 63)));
        Assert.False(KubernetesNames.IsDns1123Label(new string('a', 64)));
    }

    [Theory]
    [InlineData("agent-research", true)]
    [InlineData("0agent", false)]
    [InlineData("agent-", false)]
    public void IsDns1035Label_Examples_MatchTheGrammar(string name, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsDns1035Label(name));

    [Theory]
    [InlineData("cluster.local", true)]
    [InlineData("example.com", true)]
    [InlineData("a", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("A.b", false)]
    public void IsDns1123Subdomain_Examples_MatchTheGrammar(string name, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsDns1123Subdomain(name));

    [Fact]
    public void IsDns1123Subdomain_254Characters_IsTooLong()
    {
        var name253 = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.True(KubernetesNames.IsDns1123Subdomain(name253));
        Assert.False(KubernetesNames.IsDns1123Subdomain(name253 + "a"));
    }

    [Theory]
    [InlineData("http", true)]
    [InlineData("http-metrics", true)]
    [InlineData("h2c", true)]
    [InlineData("123", false)]
    [InlineData("http--x", false)]
    [InlineData("-http", false)]
    [InlineData("http-", false)]
    [InlineData("HTTP", false)]
    [InlineData("a-very-long-name", false)]
    [InlineData("fifteen-chars-x", true)]
    public void IsIanaServiceName_Examples_MatchThePortNameGrammar(string name, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsIanaServiceName(name));

    [Theory]
    [InlineData("", true)]
    [InlineData("kube-prometheus-stack", true)]
    [InlineData("v1.2_3", true)]
    [InlineData("-x", false)]
    [InlineData("x.", false)]
    [InlineData("a b", false)]
    public void IsLabelValue_Examples_MatchTheGrammar(string value, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsLabelValue(value));

    [Theory]
    [InlineData("team", true)]
    [InlineData("example.com/team", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("Example.com/team", false)]
    [InlineData("example.com/", false)]
    [InlineData("/team", false)]
    [InlineData("a/b/c", false)]
    [InlineData("", false)]
    public void IsQualifiedName_Examples_MatchTheLabelKeyGrammar(string key, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsQualifiedName(key));
}
