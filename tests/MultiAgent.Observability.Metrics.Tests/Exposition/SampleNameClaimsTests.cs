using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

public sealed class SampleNameClaimsTests
{
    [Theory]
    [InlineData(new[] { "jobs", "jobs_total" }, true)]
    [InlineData(new[] { "lat", "lat_count" }, true)]
    [InlineData(new[] { "y", "y_created" }, true)]
    [InlineData(new[] { "jobs", "tasks", "latency_seconds" }, false)]
    [InlineData(new[] { "only" }, false)]
    public void ClashPossible_SameRoot_True(string[] names, bool expected)
    {
        Assert.Equal(expected, SampleNameClaims.ClashPossible(names));
    }

    [Fact]
    public void TryClaim_CounterThenGaugeTotal_GaugeRefused()
    {
        var claims = new SampleNameClaims();

        Assert.True(claims.TryClaim("jobs", MetricKind.Counter));
        Assert.False(claims.TryClaim("jobs_total", MetricKind.Gauge));
        Assert.False(claims.TryClaim("jobs_created", MetricKind.Gauge));
        Assert.True(claims.TryClaim("jobs_latency", MetricKind.Gauge));
    }

    [Fact]
    public void TryClaim_HistogramThenGaugeCount_GaugeRefusedAndNothingClaimedByIt()
    {
        var claims = new SampleNameClaims();

        Assert.True(claims.TryClaim("lat", MetricKind.Histogram));
        Assert.False(claims.TryClaim("lat_count", MetricKind.Gauge));
        Assert.False(claims.TryClaim("lat_bucket", MetricKind.Gauge));
        Assert.True(claims.TryClaim("lat_total", MetricKind.Gauge));
    }
}
