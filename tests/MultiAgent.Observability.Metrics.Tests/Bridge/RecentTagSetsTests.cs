using MultiAgent.Observability.Metrics.Bridge;

namespace MultiAgent.Observability.Metrics.Tests.Bridge;

public sealed class RecentTagSetsTests
{
    [Fact]
    public async Task Resolve_SameContentInOtherStringInstances_SameSeries()
    {
        await using var h = new BridgeHarness().Start();
        var counter = h.Meter.CreateCounter<int>("test.instances");

        counter.Add(1, new KeyValuePair<string, object?>("route", "/a"));
        counter.Add(2, new KeyValuePair<string, object?>(new string("route".AsSpan()), new string("/a".AsSpan())));
        counter.Add(4, new KeyValuePair<string, object?>("route", "/a"));

        var (info, aggregate) = await h.SingleAsync("test_instances");
        Assert.Equal([KeyValuePair.Create("route", "/a")], info.Labels);
        Assert.Equal(7, Assert.IsType<CounterAggregate>(aggregate).Value);
    }

    [Fact]
    public async Task Resolve_MoreInstrumentsThanSlotsAlternatingTagSets_EachMeasurementInItsOwnSeries()
    {
        // More instruments than slots, so instruments share a thread's entry, each alternating two tag sets.
        const int Instruments = RecentTagSets.Slots + 3;
        await using var h = new BridgeHarness().Start();
        var counters = new System.Diagnostics.Metrics.Counter<int>[Instruments];
        for (var i = 0; i < Instruments; i++)
        {
            counters[i] = h.Meter.CreateCounter<int>("test.slot" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var a = new KeyValuePair<string, object?>("route", "/a");
        var b = new KeyValuePair<string, object?>("route", "/b");
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < Instruments; i++)
            {
                counters[i].Add(1, a);
                counters[i].Add(10, b);
                counters[i].Add(100, a);
            }
        }

        for (var i = 0; i < Instruments; i++)
        {
            var series = await h.SeriesAsync("test_slot" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(505, Assert.IsType<CounterAggregate>(Assert.Single(series, s => s.Info.Labels[0].Value == "/a").Aggregate).Value);
            Assert.Equal(50, Assert.IsType<CounterAggregate>(Assert.Single(series, s => s.Info.Labels[0].Value == "/b").Aggregate).Value);
        }

        Assert.Equal(Instruments * 15, h.Bridge.GetStatistics().Measurements);
    }

    [Fact]
    public async Task Resolve_MoreTagsThanRemembered_StillOneSeries()
    {
        await using var h = new BridgeHarness().Start();
        var counter = h.Meter.CreateCounter<int>("test.wide");
        var tags = new KeyValuePair<string, object?>[RecentTagSets.MaxTags + 1];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = new("t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "v");
        }

        counter.Add(1, tags);
        counter.Add(1, tags);

        var (info, aggregate) = await h.SingleAsync("test_wide");
        Assert.Equal(tags.Length, info.Labels.Count);
        Assert.Equal(2, Assert.IsType<CounterAggregate>(aggregate).Value);
    }
}
