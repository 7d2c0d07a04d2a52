using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>
/// The pre-built series the metrics record with: an agent's spans reuse the last series only when their values are
/// the same as read, a value replaced by its cap is counted on every span and priced as its own model, and the cache of
/// series is bounded.
/// </summary>
public sealed class GenAISpanMetricsSeriesTests
{
    [Fact]
    public void ValuesChangingUnderOneAgent_EachSpanTaggedWithItsOwn()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var duration = scope.Collect<double>(GenAIMetricNames.ClientOperationDuration);
        using var tools = scope.Collect<double>(GenAIMetricNames.ExecuteToolDuration);
        using var source = new ActivitySource(sourceName);
        string[] models = ["m1", "m2", "m1", "m1", "m2"];
        string[] toolNames = ["t1", "t1", "t2", "t1", "t2"];

        for (var round = 0; round < 2; round++)
        {
            using var agent = GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, "invoke_agent"), (GenAIAttributes.AgentName, "a" + round));
            for (var i = 0; i < models.Length; i++)
            {
                GenAIScope.Start(source, "chat", (GenAIAttributes.OperationName, "chat"), (GenAIAttributes.RequestModel, models[i])).Dispose();
                GenAIScope.Start(source, "execute_tool", (GenAIAttributes.OperationName, "execute_tool"), (GenAIAttributes.ToolName, toolNames[i])).Dispose();
            }
        }

        Assert.Equal(
            [.. models.Select(m => ("a0", m)), .. models.Select(m => ("a1", m))],
            duration.GetMeasurementSnapshot().Select(m => (GenAIScope.TagOf(m, GenAIAttributes.AgentName), GenAIScope.TagOf(m, GenAIAttributes.RequestModel))));
        Assert.Equal(
            [.. toolNames.Select(t => ("a0", t)), .. toolNames.Select(t => ("a1", t))],
            tools.GetMeasurementSnapshot().Select(m => (GenAIScope.TagOf(m, GenAIAttributes.AgentName), GenAIScope.TagOf(m, GenAIAttributes.ToolName))));
    }

    [Fact]
    public void ModelsPastTheCap_CountedOnEverySpanAndPricedAsTheirOwnModel()
    {
        var sourceName = GenAIScope.NewSourceName();
        var prices = GenAIPriceTable.Create(
        [
            new ModelPrice { Model = "m1", InputPerMillion = 1 },
            new ModelPrice { Model = "m2", InputPerMillion = 2 },
            new ModelPrice { Model = "m3", InputPerMillion = 4 },
        ]);
        using var scope = new GenAIScope(sourceName, new GenAIMetricsOptions { MaxAttributeValues = 1, LatestExperimentalConventions = false }, prices);
        using var cost = scope.Collect<double>(GenAIMetricNames.Cost);
        using var capped = scope.Collect<long>(GenAIMetricNames.ValuesCapped);
        using var source = new ActivitySource(sourceName);

        using (GenAIScope.Start(source, "invoke_agent", (GenAIAttributes.OperationName, "invoke_agent"), (GenAIAttributes.AgentName, "a")))
        {
            for (var round = 0; round < 3; round++)
            {
                foreach (var model in new[] { "m1", "m2", "m3" })
                {
                    GenAIScope.Start(source, "chat", (GenAIAttributes.OperationName, "chat"), (GenAIAttributes.RequestModel, model), (GenAIAttributes.UsageInputTokens, 1_000_000L)).Dispose();
                }
            }
        }

        var perRound = new[] { (1d, "m1"), (2d, "_other"), (4d, "_other") };
        Assert.Equal(
            [.. perRound, .. perRound, .. perRound],
            cost.GetMeasurementSnapshot().Select(m => (m.Value, GenAIScope.TagOf(m, GenAIAttributes.RequestModel))));

        // m2 and m3 replaced on each of their six spans; m1 kept.
        Assert.Equal(6, capped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public void SeriesCache_PastItsBound_StillRightSeriesNotKept()
    {
        var cache = new SeriesCache(GenAIPriceTable.Empty);

        for (var i = 0; i < SeriesCache.MaxSeries + 10; i++)
        {
            var key = new SeriesKey(SeriesKind.Tool, null, "a", null, null, null, "tool" + i, null, null);
            var series = cache.Get(in key);
            Assert.Equal(key, series.Key);
            Assert.Contains(new KeyValuePair<string, object?>(GenAIAttributes.ToolName, "tool" + i), series.Tags);
        }

        Assert.Equal(SeriesCache.MaxSeries, cache.Count);
        var known = new SeriesKey(SeriesKind.Tool, null, "a", null, null, null, "tool0", null, null);
        Assert.Same(cache.Get(in known), cache.Get(in known));
    }
}
