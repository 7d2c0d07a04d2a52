namespace MultiAgent.Observability.Manifests.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx")]
    [InlineData("ghcr.io/acme/research-agent")]
    [InlineData("localhost:5000/agents/planner")]
    [InlineData("registry.example.com/a__b/c.d")]
    [InlineData("Registry.Example.com/acme/agent")]
    public void IsRepository_Valid_ReturnsTrue(string image) => Assert.True(ImageReference.IsRepository(image));

    [Theory]
    [InlineData("ghcr.io/Acme/agent")]
    [InlineData("acme//agent")]
    [InlineData("-agent")]
    [InlineData("acme/agent_")]
    [InlineData("localhost:port/agent")]
    public void IsRepository_Invalid_ReturnsFalse(string image) => Assert.False(ImageReference.IsRepository(image));

    [Theory]
    [InlineData("ghcr.io/acme/agent:1.0", true)]
    [InlineData("localhost:5000/agent", false)]
    [InlineData("agent", false)]
    public void HasTag_ColonAfterLastSlash_IsATag(string image, bool expected) => Assert.Equal(expected, ImageReference.HasTag(image));

    [Theory]
    [InlineData("1.4.2", true)]
    [InlineData("_latest", true)]
    [InlineData(".hidden", false)]
    [InlineData("-rc", false)]
    [InlineData("a+b", false)]
    public void IsTag_Grammar(string tag, bool expected) => Assert.Equal(expected, ImageReference.IsTag(tag));

    [Fact]
    public void IsDigest_OnlySha256WithLowerHex()
    {
        Assert.True(ImageReference.IsDigest("sha256:" + new string('a', 64)));
        Assert.False(ImageReference.IsDigest("sha256:" + new string('A', 64)));
        Assert.False(ImageReference.IsDigest("sha512:" + new string('a', 64)));
        Assert.False(ImageReference.IsDigest("sha256:" + new string('a', 63)));
    }
}
