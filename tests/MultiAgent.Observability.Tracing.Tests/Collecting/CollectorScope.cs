using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Tracing.Tests.Collecting;

/// <summary>
/// A trace store and a started collector for one test. Listeners are process-wide and tests run in parallel, so each
/// test listens to source names of its own (or filters by trace id) and measures its own meter scope.
/// </summary>
internal sealed class CollectorScope : IDisposable
{
    private readonly ServiceProvider _meterServices;

    public CollectorScope(AgentTracingOptions options, TimeProvider? timeProvider = null, bool start = true)
    {
        _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _meterServices.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        TimeProvider = timeProvider ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        Metrics = new TracingMetrics(MeterFactory);
        Store = new TraceStore(Options.Create(options), TimeProvider, Metrics);
        Collector = new TraceCollector(Store, Options.Create(options));
        if (start)
        {
            Collector.Start();
        }
    }

    public System.Diagnostics.Metrics.IMeterFactory MeterFactory { get; }

    public TimeProvider TimeProvider { get; }

    public TracingMetrics Metrics { get; }

    public TraceStore Store { get; }

    public TraceCollector Collector { get; }

    public static AgentTracingOptions OnlySources(params string[] sources)
    {
        var options = new AgentTracingOptions { IncludeDefaultSources = false };
        foreach (var source in sources)
        {
            options.Sources.Add(source);
        }

        return options;
    }

    public MetricCollector<long> Collect(string instrumentName) => new(MeterFactory, TracingMetrics.MeterName, instrumentName);

    public void Dispose()
    {
        Collector.Dispose();
        Metrics.Dispose();
        _meterServices.Dispose();
    }
}
