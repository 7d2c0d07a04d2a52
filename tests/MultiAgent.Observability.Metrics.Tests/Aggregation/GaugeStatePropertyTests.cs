using CsCheck;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Aggregation;

/// <summary>
/// The gauge fold's minimum and maximum are those of every value the gauge took, NaN values passed over (NaN only when
/// every value was NaN), as PromQL's <c>min_over_time</c> and <c>max_over_time</c> take them: for any recorded values,
/// NaN and infinities included, and finite increments, overflowing ones included.
/// </summary>
public sealed class GaugeStatePropertyTests
{
    private static readonly Gen<double> Recorded = Gen.OneOf(
        Gen.Double[-10, 10],
        Gen.Double[-1e308, 1e308],
        Gen.OneOf(Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(double.NaN), Gen.Const(double.PositiveInfinity), Gen.Const(double.NegativeInfinity)));

    private static readonly Gen<(bool Add, double Value)> Step = Gen.OneOf(
        Gen.Select(Recorded, v => (false, v)),
        Gen.Select(Gen.OneOf(Gen.Double[-10, 10], Gen.Double[-1e308, 1e308]), v => (true, v)));

    [Fact]
    public void Apply_AnySamples_MinMaxOverTheValuesThatAreNotNaN()
    {
        Step.Array[1, 40].Sample(
            steps =>
            {
                var state = SeriesStateConcurrencyTests.NewState(MetricKind.Gauge);
                var values = new List<double>();
                double last = 0;
                for (var i = 0; i < steps.Length; i++)
                {
                    var (add, value) = steps[i];
                    state.Apply(add ? SampleOp.Add : SampleOp.Record, value, i);
                    last = add ? last + value : value;
                    values.Add(last);
                }

                var numbers = values.Where(v => !double.IsNaN(v)).ToList();
                var gauge = Assert.IsType<GaugeAggregate>(state.Snapshot(steps.Length));
                Assert.Equal(steps.Length, gauge.SampleCount);
                Assert.True(gauge.Last.Equals(last), $"last {gauge.Last}, expected {last}");
                Assert.True(SameNumber(gauge.Min, numbers.Count == 0 ? double.NaN : numbers.Min()), $"min {gauge.Min} of [{string.Join(", ", values)}]");
                Assert.True(SameNumber(gauge.Max, numbers.Count == 0 ? double.NaN : numbers.Max()), $"max {gauge.Max} of [{string.Join(", ", values)}]");
            },
            iter: 2_000);
    }

    [Fact]
    public void Apply_NaNBetweenValues_LeavesMinAndMaxToTheValues()
    {
        var state = SeriesStateConcurrencyTests.NewState(MetricKind.Gauge);
        state.Apply(SampleOp.Record, double.NaN, 1);
        state.Apply(SampleOp.Record, 3, 2);
        state.Apply(SampleOp.Record, double.NaN, 3);
        state.Apply(SampleOp.Record, -1, 4);

        var gauge = Assert.IsType<GaugeAggregate>(state.Snapshot(4));
        Assert.Equal((-1.0, 3.0), (gauge.Min, gauge.Max));
    }

    private static bool SameNumber(double actual, double expected) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : actual == expected;
}
