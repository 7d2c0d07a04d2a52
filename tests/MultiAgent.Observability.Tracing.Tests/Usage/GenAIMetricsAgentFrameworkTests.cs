using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentFrameworkTracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>
/// The GenAI metrics on the sample's Agent Framework conversation (Coordinator calls Researcher as a tool, Researcher
/// calls GetWeather; offline fake chat clients with the framework's own instrumentation): every value is checked against
/// what the collected spans and their analysis say.
/// </summary>
/// <remarks>
/// Not run beside other tests: the host's bridge listens to every meter named <see cref="GenAIMetricNames.MeterName"/>
/// in the process, so another test's token usage recorded meanwhile would show up as extra series here.
/// </remarks>
[Collection(GenAIMetersRunAlone.Name)]
public sealed class GenAIMetricsAgentFrameworkTests
{
    private static readonly ModelPrice s_fakePrice = new()
    {
        Provider = "fakeprovider", Model = "fake-model", InputPerMillion = 3m, OutputPerMillion = 15m, CachedInputPerMillion = 0.3m, Currency = "USD",
    };

    [Fact]
    public async Task Conversation_TokenUsage_EqualsSpanTokensPerAgentCountedOnce()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var tokens = scope.Collect<long>(GenAIMetricNames.ClientTokenUsage);

        await RunCoordinatorAsync(sourceName);

        var spans = scope.SingleTrace();
        var analysis = TraceAnalyzer.Analyze(spans);
        var measurements = tokens.GetMeasurementSnapshot();
        Assert.NotEmpty(measurements);
        foreach (var agent in analysis.Agents.Where(a => a.InputTokens > 0))
        {
            Assert.Equal(agent.InputTokens, Sum(measurements, agent.Agent, GenAITokenTypes.Input));
            Assert.Equal(agent.OutputTokens, Sum(measurements, agent.Agent, GenAITokenTypes.Output));
        }

        // 2 agents x 2 model calls x (10 + 20) input tokens: once, although the agent spans repeat the sums.
        Assert.Equal(60, measurements.Where(m => GenAIScope.TagOf(m, GenAIMetricNames.TokenTypeAttribute) == GenAITokenTypes.Input).Sum(m => m.Value));
        Assert.Equal(analysis.InputTokens, measurements.Where(m => GenAIScope.TagOf(m, GenAIMetricNames.TokenTypeAttribute) == GenAITokenTypes.Input).Sum(m => m.Value));
        Assert.Equal(analysis.OutputTokens, measurements.Where(m => GenAIScope.TagOf(m, GenAIMetricNames.TokenTypeAttribute) == GenAITokenTypes.Output).Sum(m => m.Value));
        Assert.All(measurements, m =>
        {
            Assert.Equal(GenAIOperations.Chat, GenAIScope.TagOf(m, GenAIAttributes.OperationName));
            Assert.Equal("fakeprovider", GenAIScope.TagOf(m, GenAIAttributes.ProviderName));
            Assert.False(m.Tags.ContainsKey(GenAIAttributes.ConversationId));
        });
    }

    [Fact]
    public async Task Conversation_Durations_EqualSpanDurations()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var operation = scope.Collect<double>(GenAIMetricNames.ClientOperationDuration);
        using var agentDuration = scope.Collect<double>(GenAIMetricNames.InvokeAgentDuration);
        using var toolDuration = scope.Collect<double>(GenAIMetricNames.ExecuteToolDuration);

        await RunCoordinatorAsync(sourceName);

        var spans = scope.SingleTrace();
        var analysis = TraceAnalyzer.Analyze(spans);
        AssertDurations(spans, analysis, GenAIOperations.Chat, operation.GetMeasurementSnapshot());
        AssertDurations(spans, analysis, GenAIOperations.InvokeAgent, agentDuration.GetMeasurementSnapshot());
        AssertDurations(spans, analysis, GenAIOperations.ExecuteTool, toolDuration.GetMeasurementSnapshot());
        Assert.Equal(
            [(MultiAgentConversation.CoordinatorName, MultiAgentConversation.ResearcherName), (MultiAgentConversation.ResearcherName, MultiAgentConversation.WeatherToolName)],
            toolDuration.GetMeasurementSnapshot()
                .Select(m => (GenAIScope.TagOf(m, GenAIAttributes.AgentName), GenAIScope.TagOf(m, GenAIAttributes.ToolName)))
                .Order());
    }

    [Fact]
    public async Task Conversation_CallsPerInvocation_ExcludeSubAgentCalls()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var inference = scope.Collect<long>(GenAIMetricNames.InvokeAgentInferenceCalls);
        using var tools = scope.Collect<long>(GenAIMetricNames.InvokeAgentToolCalls);

        await RunCoordinatorAsync(sourceName);

        var spans = scope.SingleTrace();
        foreach (var agentSpan in spans.Where(s => Operation(s) == GenAIOperations.InvokeAgent))
        {
            var agent = (string)GenAIScope.Tag(agentSpan, GenAIAttributes.AgentName)!;
            var own = spans.Where(s => NearestAgent(spans, s) == agentSpan).ToList();
            Assert.Equal(own.Count(s => Operation(s) == GenAIOperations.Chat), Assert.Single(inference.GetMeasurementSnapshot(), m => GenAIScope.TagOf(m, GenAIAttributes.AgentName) == agent).Value);
            Assert.Equal(own.Count(s => Operation(s) == GenAIOperations.ExecuteTool), Assert.Single(tools.GetMeasurementSnapshot(), m => GenAIScope.TagOf(m, GenAIAttributes.AgentName) == agent).Value);
        }

        // The coordinator's span tree holds 4 model calls, but only 2 are its own.
        Assert.All(inference.GetMeasurementSnapshot(), m => Assert.Equal(2, m.Value));
        Assert.All(tools.GetMeasurementSnapshot(), m => Assert.Equal(1, m.Value));
        Assert.Equal(0, scope.Metrics.OpenInvocations);
    }

    [Fact]
    public async Task Conversation_Cost_EqualsTokensTimesPricesAndTheAnalysisCost()
    {
        var sourceName = GenAIScope.NewSourceName();
        var prices = GenAIPriceTable.Create([s_fakePrice]);
        using var scope = new GenAIScope(sourceName, prices: prices);
        using var cost = scope.Collect<double>(GenAIMetricNames.Cost);
        using var unpriced = scope.Collect<long>(GenAIMetricNames.UnpricedTokens);

        await RunCoordinatorAsync(sourceName);

        var analysis = TraceAnalyzer.Analyze(scope.SingleTrace(), new TraceAnalyzerOptions { Prices = prices });
        var expected = ((analysis.InputTokens * 3m) + (analysis.OutputTokens * 15m)) / 1_000_000m;
        var total = Assert.Single(analysis.Costs!);
        Assert.Equal(("USD", expected), (total.Currency, total.Amount));
        Assert.Equal(0, analysis.UnpricedTokens);
        foreach (var agent in analysis.Agents.Where(a => a.InputTokens > 0))
        {
            var agentCost = Assert.Single(agent.Costs!).Amount;
            Assert.Equal(((agent.InputTokens * 3m) + (agent.OutputTokens * 15m)) / 1_000_000m, agentCost);
            Assert.Equal((double)agentCost, cost.GetMeasurementSnapshot().Where(m => GenAIScope.TagOf(m, GenAIAttributes.AgentName) == agent.Agent).Sum(m => m.Value), 12);
        }

        Assert.All(cost.GetMeasurementSnapshot(), m =>
        {
            Assert.Equal("USD", GenAIScope.TagOf(m, GenAIMetricNames.CurrencyAttribute));
            Assert.Equal(GenAIMetricNames.EstimatedSource, GenAIScope.TagOf(m, GenAIMetricNames.SourceAttribute));
            Assert.Equal("fake-model", GenAIScope.TagOf(m, GenAIAttributes.RequestModel));
        });
        Assert.Empty(unpriced.GetMeasurementSnapshot());
        Assert.Contains("\"costs\"", TraceAnalysisJson.Serialize(analysis), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_UnknownModel_CountedUnpricedNeverZeroCost()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName, prices: GenAIPriceTable.Default);
        using var cost = scope.Collect<double>(GenAIMetricNames.Cost);
        using var unpriced = scope.Collect<long>(GenAIMetricNames.UnpricedTokens);

        await RunCoordinatorAsync(sourceName);

        var analysis = TraceAnalyzer.Analyze(scope.SingleTrace(), new TraceAnalyzerOptions { Prices = GenAIPriceTable.Default });
        Assert.Empty(cost.GetMeasurementSnapshot());
        Assert.Equal(analysis.InputTokens + analysis.OutputTokens, unpriced.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(unpriced.GetMeasurementSnapshot(), m => Assert.Equal("fake-model", GenAIScope.TagOf(m, GenAIAttributes.RequestModel)));
        Assert.Empty(analysis.Costs!);
        Assert.Equal(analysis.InputTokens + analysis.OutputTokens, analysis.UnpricedTokens);
    }

    [Fact]
    public async Task Conversation_CompletedAfterQuietPeriod_CriticalPathPerAgentEqualsAnalysis()
    {
        var sourceName = GenAIScope.NewSourceName();
        using var scope = new GenAIScope(sourceName);
        using var duration = scope.Collect<double>(GenAIMetricNames.CriticalPathDuration);
        using var share = scope.Collect<double>(GenAIMetricNames.CriticalPathShare);

        await RunCoordinatorAsync(sourceName);
        scope.Collector.FlushObservers();

        Assert.Equal(1, scope.Completed.PendingCount);
        scope.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(duration.GetMeasurementSnapshot());

        scope.Time.Advance(TimeSpan.FromSeconds(1));

        var analysis = TraceAnalyzer.Analyze(scope.SingleTrace());
        Assert.Equal(analysis.Agents.Count, duration.GetMeasurementSnapshot().Count);
        foreach (var agent in analysis.Agents)
        {
            Assert.Equal(agent.CriticalPathMs, Assert.Single(duration.GetMeasurementSnapshot(), m => GenAIScope.TagOf(m, GenAIAttributes.AgentName) == agent.Agent).Value);
            Assert.Equal(agent.CriticalPathShare, Assert.Single(share.GetMeasurementSnapshot(), m => GenAIScope.TagOf(m, GenAIAttributes.AgentName) == agent.Agent).Value);
        }

        Assert.Equal(0, scope.Completed.PendingCount);
        scope.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(analysis.Agents.Count, duration.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public void Instruments_HistogramBuckets_AreTheConventionsAdvice()
    {
        using var instruments = new GenAIInstruments();

        Assert.Equal([1L, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864], instruments.TokenUsage.Advice!.HistogramBucketBoundaries!);
        Assert.Equal([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92], instruments.OperationDuration.Advice!.HistogramBucketBoundaries!);
        Assert.Equal([0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 204.8, 409.6], instruments.InvokeAgentDuration.Advice!.HistogramBucketBoundaries!);
        Assert.Equal([1L, 2, 4, 8, 16, 32, 64, 128], instruments.InferenceCalls.Advice!.HistogramBucketBoundaries!);
        Assert.Equal([1L, 2, 4, 8, 16, 32, 64, 128], instruments.ToolCalls.Advice!.HistogramBucketBoundaries!);
        Assert.Equal(1.0, instruments.CriticalPathShare.Advice!.HistogramBucketBoundaries![^1]);
        Assert.Equal(("{token}", "s", "s", "{inference_call}", "{tool_call}", "s"), (instruments.TokenUsage.Unit, instruments.OperationDuration.Unit, instruments.InvokeAgentDuration.Unit, instruments.InferenceCalls.Unit, instruments.ToolCalls.Unit, instruments.ExecuteToolDuration.Unit));
        Assert.Equal(("{currency}", "ms", "1"), (instruments.Cost.Unit, instruments.CriticalPathDuration.Unit, instruments.CriticalPathShare.Unit));
    }

    /// <summary>
    /// Microsoft.Extensions.AI's OpenTelemetryChatClient (which the framework's UseOpenTelemetry wraps around the chat
    /// client) records its own gen_ai.client.token.usage on a meter named after the source. Both meters measure the same
    /// calls; the pipeline bridges ours (which carries the agent), so every token reaches it once.
    /// </summary>
    [Fact]
    public async Task Host_BridgedWithMicrosoftExtensionsAIMetricsOn_PipelineTokensEqualSpanTokensOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var sourceName = GenAIScope.NewSourceName();
        // Each instrumented chat client has a meter of its own with that name, so a listener (not one MetricCollector) sees them all.
        var neighbourInput = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == sourceName && instrument.Name == GenAIMetricNames.ClientTokenUsage)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            string? type = null, operation = null;
            foreach (var tag in tags)
            {
                type = tag.Key == GenAIMetricNames.TokenTypeAttribute ? tag.Value as string : type;
                operation = tag.Key == GenAIAttributes.OperationName ? tag.Value as string : operation;
            }

            if (type == GenAITokenTypes.Input)
            {
                neighbourInput.AddOrUpdate(operation ?? "none", value, (_, sum) => sum + value);
            }
        });
        listener.Start();
        // Added twice: the metrics observe each span once all the same.
        using var host = GenAIScope.BridgedHost(sourceName, monitoring => monitoring.AddGenAIMetrics());
        await host.StartAsync(ct);

        await RunCoordinatorAsync(sourceName);

        var store = host.Services.GetRequiredService<ITraceStore>();
        Assert.True(store.TryGetTrace(Assert.Single(store.GetTraceIds()), out var trace));
        var analysis = TraceAnalyzer.Analyze(trace.Spans);
        var reader = host.Services.GetRequiredService<IMetricReader>();
        host.Services.GetRequiredService<TraceCollector>().FlushObservers();
        await reader.FlushAsync(ct);
        var input = reader.ListSeries()
            .Where(s => s.Name == "gen_ai_client_token_usage" && s.Labels.Contains(new("gen_ai_token_type", "input")))
            .ToList();
        Assert.Equal(2, input.Count);
        Assert.Equal(
            [MultiAgentConversation.CoordinatorName, MultiAgentConversation.ResearcherName],
            input.Select(s => s.AgentId).Order(StringComparer.Ordinal));
        Assert.Equal(analysis.InputTokens, input.Sum(s => ((HistogramAggregate)reader.GetAggregate(s.Series)!).Sum));
        Assert.Equal(60, analysis.InputTokens);

        // The names the dashboard, the loop alerts and the Grafana panels read (GenAISeriesNames) are the ones the bridge gives.
        Assert.Superset(
            new HashSet<string>([GenAISeriesNames.TokenUsage, GenAISeriesNames.InvokeAgentDuration, GenAISeriesNames.InferenceCalls, GenAISeriesNames.ToolCalls]),
            reader.ListSeries().Select(s => s.Name).ToHashSet());

        // The neighbours were on and measured every token twice (Microsoft.Agents.AI 1.28 records the agent's usage under
        // the meter named after the source as well as Microsoft.Extensions.AI's per-call records, both as "chat").
        // Bridging that meter as well would count each token three times; bridging ours alone counts it once.
        Assert.Equal(2 * analysis.InputTokens, neighbourInput.Values.Sum());
        await host.StopAsync(ct);
    }

    private static async Task RunCoordinatorAsync(string sourceName)
    {
        var coordinator = MultiAgentConversation.CreateCoordinator(sourceName);
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var answer = await MultiAgentConversation.AskAsync(coordinator, "Weather in Oslo?", TestContext.Current.CancellationToken);
            Assert.Contains("raining", answer, StringComparison.Ordinal);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    private static void AssertDurations(IReadOnlyList<SpanData> spans, TraceAnalysis analysis, string operation, IReadOnlyList<CollectedMeasurement<double>> measurements)
    {
        var expected = spans.Where(s => Operation(s) == operation)
            .Select(s => (Agent: analysis.Spans.Single(a => a.SpanId == s.SpanId.ToHexString()).Agent, Seconds: s.Duration!.Value.TotalSeconds))
            .OrderBy(e => e.Agent, StringComparer.Ordinal).ThenBy(e => e.Seconds)
            .ToList();
        var actual = measurements
            .Select(m => (Agent: GenAIScope.TagOf(m, GenAIAttributes.AgentName)!, Seconds: m.Value))
            .OrderBy(e => e.Agent, StringComparer.Ordinal).ThenBy(e => e.Seconds)
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    private static long Sum(IReadOnlyList<CollectedMeasurement<long>> measurements, string agent, string type) =>
        measurements.Where(m => GenAIScope.TagOf(m, GenAIAttributes.AgentName) == agent && GenAIScope.TagOf(m, GenAIMetricNames.TokenTypeAttribute) == type).Sum(m => m.Value);

    private static string? Operation(SpanData span) => GenAIScope.Tag(span, GenAIAttributes.OperationName) as string;

    private static SpanData? NearestAgent(IReadOnlyList<SpanData> spans, SpanData span)
    {
        var parent = spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId);
        while (parent is not null && Operation(parent) != GenAIOperations.InvokeAgent)
        {
            var current = parent;
            parent = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId);
        }

        return parent;
    }
}
