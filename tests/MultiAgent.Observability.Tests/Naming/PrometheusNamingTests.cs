namespace MultiAgent.Observability.Tests;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("_")]
    [InlineData("agent_requests_total")]
    [InlineData("AgentRequests2")]
    [InlineData(":recording")]
    [InlineData("job:agent_requests:rate5m")]
    [InlineData("_x9")]
    public void ValidateMetricName_Valid_ReturnsNull(string name)
    {
        Assert.Null(PrometheusNaming.ValidateMetricName(name));
        Assert.True(PrometheusNaming.IsValidMetricName(name));
    }

    [Theory]
    [InlineData("1abc", "'1' at index 0")]
    [InlineData("agent-requests", "'-' at index 5")]
    [InlineData("agent requests", "' ' at index 5")]
    [InlineData("agent.requests", "'.' at index 5")]
    [InlineData("métrique", "'é' at index 1")]
    [InlineData("a{b}", "'{' at index 1")]
    public void ValidateMetricName_Invalid_NamesCharacterAndIndex(string name, string expected)
    {
        var error = PrometheusNaming.ValidateMetricName(name);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error, StringComparison.Ordinal);
        Assert.StartsWith("Metric name", error, StringComparison.Ordinal);
        Assert.False(PrometheusNaming.IsValidMetricName(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ValidateMetricName_NullOrEmpty_SaysEmpty(string? name)
    {
        Assert.Equal("Metric name must not be empty.", PrometheusNaming.ValidateMetricName(name));
        Assert.False(PrometheusNaming.IsValidMetricName(name));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("_")]
    [InlineData("team")]
    [InlineData("model_version2")]
    [InlineData("_private")]
    [InlineData("A_B")]
    public void ValidateLabelName_Valid_ReturnsNull(string name)
    {
        Assert.Null(PrometheusNaming.ValidateLabelName(name));
        Assert.True(PrometheusNaming.IsValidLabelName(name));
    }

    [Theory]
    [InlineData("a:b", "':' at index 1")]
    [InlineData(":a", "':' at index 0")]
    [InlineData("1team", "'1' at index 0")]
    [InlineData("team-name", "'-' at index 4")]
    [InlineData("équipe", "'é' at index 0")]
    public void ValidateLabelName_Invalid_NamesCharacterAndIndex(string name, string expected)
    {
        var error = PrometheusNaming.ValidateLabelName(name);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith("Label name", error, StringComparison.Ordinal);
        Assert.Contains("[a-zA-Z_][a-zA-Z0-9_]*", error, StringComparison.Ordinal);
        Assert.False(PrometheusNaming.IsValidLabelName(name));
    }

    [Theory]
    [InlineData("__")]
    [InlineData("__name__")]
    [InlineData("__meta_kubernetes_pod")]
    public void ValidateLabelName_LeadingDoubleUnderscore_SaysReserved(string name)
    {
        var error = PrometheusNaming.ValidateLabelName(name);

        Assert.NotNull(error);
        Assert.Contains("reserves", error, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ValidateLabelName_NullOrEmpty_SaysEmpty(string? name)
    {
        Assert.Equal("Label name must not be empty.", PrometheusNaming.ValidateLabelName(name));
        Assert.False(PrometheusNaming.IsValidLabelName(name));
    }

    [Fact]
    public void ValidateMetricName_LeadingDoubleUnderscore_IsAllowed()
    {
        // Only label names starting with "__" are reserved; metric names are not.
        Assert.Null(PrometheusNaming.ValidateMetricName("__internal_metric"));
    }
}
