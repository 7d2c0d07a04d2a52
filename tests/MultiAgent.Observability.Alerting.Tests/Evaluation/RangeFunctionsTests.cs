using MultiAgent.Observability.Alerting.Evaluation;

namespace MultiAgent.Observability.Alerting.Tests.Evaluation;

/// <summary>The counter-reset and extrapolation vectors of semantics.md section 2.</summary>
public sealed class RangeFunctionsTests
{
    private static double Increase(long[] seconds, double[] values, long endSeconds, long windowSeconds, bool isCounter = true, bool isRate = false) =>
        RangeFunctions.ExtrapolatedRate(
            seconds.Select(s => s * 1000).ToArray(),
            values,
            (endSeconds - windowSeconds) * 1000,
            endSeconds * 1000,
            isCounter,
            isRate);

    [Fact]
    public void ExtrapolatedRate_VectorA_ResetInTheMiddle_Increase40Rate0667()
    {
        long[] t = [5, 20, 35, 50];
        double[] v = [100, 110, 5, 20];

        Assert.Equal(40, Increase(t, v, 60, 60), 9);
        Assert.Equal(40.0 / 60, Increase(t, v, 60, 60, isRate: true), 9);
    }

    [Fact]
    public void ExtrapolatedRate_VectorB_ZeroClamp_Increase37667()
    {
        Assert.Equal(30 * 56.5 / 45, Increase([5, 20, 35, 50], [1, 11, 21, 31], 60, 60), 9);
    }

    [Fact]
    public void ExtrapolatedRate_VectorC_SeriesStartsLate_ExtrapolatesHalfAnInterval()
    {
        // avg 15 s; 40 s to the start is past 1.1 x 15, so only 7.5 s is extrapolated there; 5 s to the end is kept.
        var increase = Increase([40, 55], [100, 130], 60, 60);

        Assert.Equal(30 * (15 + 7.5 + 5) / 15, increase, 9);
    }

    [Fact]
    public void ExtrapolatedRate_OneSample_NaN()
    {
        Assert.True(double.IsNaN(Increase([10], [1], 60, 60)));
    }

    [Fact]
    public void ExtrapolatedRate_GaugeDelta_NoResetLogic()
    {
        // A gauge going down is a decrease, not a reset: delta is negative.
        var delta = Increase([0, 30, 60], [100, 50, 10], 60, 60, isCounter: false);

        Assert.True(delta < 0);
        Assert.Equal(-90 * (60 + 0 + 0) / 60.0, delta, 9);
    }

    [Fact]
    public void Deriv_Linear_Slope()
    {
        Assert.Equal(2, RangeFunctions.Deriv([0, 1000, 2000, 3000], [1, 3, 5, 7]), 9);
        Assert.True(double.IsNaN(RangeFunctions.Deriv([0], [1])));
    }
}
