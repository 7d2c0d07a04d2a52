using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>
/// A trace store, a started collector and the GenAI metrics on it, for one test: a meter factory of its own (so
/// <see cref="MetricCollector{T}"/>s see only this test's measurements) and a <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class GenAIScope : IDisposable
{
    private readonly ServiceProvider _meterServices;

    public GenAIScope(string sourceName, GenAIMetricsOptions? options = null, GenAIPriceTable? prices = null)
    {
        var tracing = new AgentTracingOptions { IncludeDefaultSources = false };
        tracing.Sources.Add(sourceName);
        _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _meterServices.GetRequiredService<IMeterFactory>();
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        TracingMetrics = new TracingMetrics(MeterFactory);
        Store = new TraceStore(Options.Create(tracing), Time, TracingMetrics);
        Instruments = new GenAIInstruments(MeterFactory);
        var genAIOptions = Options.Create(options ?? new GenAIMetricsOptions { LatestExperimentalConventions = false });
        Caps = new GenAIAttributeCaps(Instruments, genAIOptions);
        Completed = new CompletedTraces(Store, Instruments, Caps, Time, genAIOptions);
        Metrics = new GenAISpanMetrics(Instruments, Caps, genAIOptions, prices ?? GenAIPriceTable.Empty, Completed);
        Collector = new TraceCollector(Store, Options.Create(tracing), null, [Metrics], Time);
        Collector.Start();
    }

    public IMeterFactory MeterFactory { get; }

    public FakeTimeProvider Time { get; }

    public TracingMetrics TracingMetrics { get; }

    public TraceStore Store { get; }

    public GenAIInstruments Instruments { get; }

    public GenAIAttributeCaps Caps { get; }

    public CompletedTraces Completed { get; }

    public GenAISpanMetrics Metrics { get; }

    public TraceCollector Collector { get; }

    public DerivedMeasurements<T> Collect<T>(string instrumentName)
        where T : struct => new(Collector, new MetricCollector<T>(MeterFactory, GenAIMetricNames.MeterName, instrumentName));

    public IReadOnlyList<SpanData> SingleTrace()
    {
        var traceIds = Store.GetTraceIds();
        var traceId = Assert.Single(traceIds);
        Assert.True(Store.TryGetTrace(traceId, out var trace));
        return trace.Spans;
    }

    public void Dispose()
    {
        Collector.Dispose();
        Completed.Dispose();
        Instruments.Dispose();
        TracingMetrics.Dispose();
        _meterServices.Dispose();
    }

    /// <summary>A host collecting one source's spans, with the GenAI metrics (latest conventions off) bridged into the pipeline.</summary>
    public static IHost BridgedHost(string sourceName, Action<IMultiAgentMonitoringBuilder>? more = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var monitoring = builder.Services.AddMultiAgentMonitoring()
            .AddAgentTracing(o =>
            {
                o.IncludeDefaultSources = false;
                o.Sources.Add(sourceName);
            })
            .AddGenAIMetrics(o => o.LatestExperimentalConventions = false);
        more?.Invoke(monitoring);
        monitoring.AddMeterBridge(o => o.Meters.Add(GenAIMetricNames.MeterName));
        return builder.Build();
    }

    public static string NewSourceName() => "Test.GenAI." + Guid.NewGuid().ToString("N");

    public static object? Tag(SpanData span, string key) => span.Attributes.FirstOrDefault(a => a.Key == key).Value;

    public static string? TagOf<T>(CollectedMeasurement<T> measurement, string key)
        where T : struct => measurement.Tags.TryGetValue(key, out var value) ? value as string : null;

    public static Activity Start(ActivitySource source, string name, params (string Key, object? Value)[] tags)
    {
        var activity = source.StartActivity(name, ActivityKind.Internal);
        Assert.NotNull(activity);
        foreach (var (key, value) in tags)
        {
            activity.SetTag(key, value);
        }

        return activity;
    }
}
