namespace MultiAgent.Observability.Manifests.Tests;

public sealed class KubernetesQuantityTests
{
    [Theory]
    [InlineData("250m", "0.25")]
    [InlineData("1", "1")]
    [InlineData("0.5", "0.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1Ki", "1024")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("1G", "1000000000")]
    [InlineData("1e3", "1000")]
    [InlineData("1E3", "1000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("+2", "2")]
    [InlineData("-2", "-2")]
    public void TryParse_Quantity_ReturnsValueInBaseUnits(string text, string expected)
    {
        Assert.True(KubernetesQuantity.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("512mb")]
    [InlineData("1GB")]
    [InlineData("1gi")]
    [InlineData("1 Gi")]
    [InlineData("Gi")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("2 cores")]
    [InlineData("1e99")]
    public void TryParse_NotAQuantity_ReturnsFalse(string text) =>
        Assert.False(KubernetesQuantity.TryParse(text, out _));

    [Theory]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1.5Ki", "1536")]
    [InlineData("512", "512")]
    [InlineData("0.5", "500m")]
    [InlineData("1000", "1k")]
    [InlineData("1500", "1500")]
    [InlineData("2000m", "2")]
    [InlineData("100m", "100m")]
    [InlineData("0.0001", "1m")]
    [InlineData("1e3", "1e3")]
    [InlineData("1500e-3", "1500e-3")]
    [InlineData("0", "0")]
    public void Canonical_Quantity_IsWhatKubernetesStores(string text, string expected) =>
        Assert.Equal(expected, KubernetesQuantity.Canonical(text));

    [Theory]
    [InlineData("1536Mi", "1610612736")]
    [InlineData("250m", "0.25")]
    public void Value_Quantity_IsTheParsedValue(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), KubernetesQuantity.Value(text));

    [Theory]
    [InlineData("1 Gi")]
    [InlineData("512mb")]
    public void Value_NotAQuantity_Throws(string text) =>
        Assert.Throws<FormatException>(() => KubernetesQuantity.Value(text));

    [Fact]
    public void Canonical_NotAQuantity_Throws() =>
        Assert.Throws<FormatException>(() => KubernetesQuantity.Canonical("1GB"));
}
