using CsCheck;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Aggregation;

/// <summary>
/// The gauge fold keeps its minimum and maximum with plain comparisons: for any finite samples, values and increments
/// (including increments that overflow to an infinity), they equal what <see cref="Math.Min(double, double)"/> and
/// <see cref="Math.Max(double, double)"/> give over every value the gauge took.
/// </summary>
public sealed class GaugeStatePropertyTests
{
    private static readonly Gen<(bool Add, double Value)> Step = Gen.Select(
        Gen.Bool,
        Gen.OneOf(Gen.Double[-10, 10], Gen.Double[-1e308, 1e308], Gen.Const(0.0), Gen.Const(-0.0)));

    [Fact]
    public void Apply_AnyFiniteSamples_LastMinMaxAsMathMinMax()
    {
        Step.Array[1, 40].Sample(
            steps =>
            {
                var state = SeriesStateConcurrencyTests.NewState(MetricKind.Gauge);
                double last = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
                for (var i = 0; i < steps.Length; i++)
                {
                    var (add, value) = steps[i];
                    state.Apply(add ? SampleOp.Add : SampleOp.Record, value, i);
                    last = add ? last + value : value;
                    min = Math.Min(min, last);
                    max = Math.Max(max, last);
                }

                var gauge = Assert.IsType<GaugeAggregate>(state.Snapshot(steps.Length));
                Assert.Equal(steps.Length, gauge.SampleCount);
                Assert.True(gauge.Last.Equals(last), $"last {gauge.Last}, expected {last}");
                Assert.True(gauge.Min == min && gauge.Max == max, $"min {gauge.Min} max {gauge.Max}, expected {min} {max}");
            },
            iter: 2_000);
    }
}
