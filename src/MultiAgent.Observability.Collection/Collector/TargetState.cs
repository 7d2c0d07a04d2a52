using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Collection;

/// <summary>One agent's collection state: its series, parser, scrape metadata series and last results. Touched by its own loop only, read by the overview.</summary>
internal sealed class TargetState
{
    private readonly Lock _lock = new();
    private ScrapeReport? _lastScrape;
    private ScrapeReport? _lastProbe;
    private DateTimeOffset? _lastScrapeAt;
    private long _scrapes;
    private long _failures;

    public TargetState(AgentId id, IMetricRecorder recorder, IMetricSnapshotRecorder snapshots, TimeSpan interval, DateTimeOffset started, int seriesCapacity, TimeSpan retireAfter)
    {
        Id = id;
        Interval = interval;
        LastSuccess = started;
        Series = new TargetSeries(recorder, snapshots, id.Value, seriesCapacity, retireAfter);
        Up = recorder.GetSeries(id.Value, "up", MetricKind.Gauge);
        Duration = recorder.GetSeries(id.Value, "scrape_duration_seconds", MetricKind.Gauge);
        SamplesScraped = recorder.GetSeries(id.Value, "scrape_samples_scraped", MetricKind.Gauge);
    }

    public AgentId Id { get; }

    public TimeSpan Interval { get; }

    public TargetSeries Series { get; }

    public ExpositionParser Parser { get; } = new();

    public MetricSeries Up { get; }

    public MetricSeries Duration { get; }

    public MetricSeries SamplesScraped { get; }

    public DateTimeOffset LastSuccess { get; set; }

    public CancellationTokenSource Stop { get; } = new();

    public ITimer Timer { get; set; } = null!;

    /// <summary>1 while a collection runs; a tick that finds it set is skipped.</summary>
    public int Running;

    public Task Current { get; set; } = Task.CompletedTask;

    public void Completed(DateTimeOffset at, ScrapeReport? scrape, ScrapeReport? probe, bool succeeded)
    {
        lock (_lock)
        {
            _lastScrapeAt = at;
            _lastScrape = scrape;
            _lastProbe = probe;
            _scrapes++;
            _failures += succeeded ? 0 : 1;
        }
    }

    public AgentCollectionSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new AgentCollectionSnapshot
            {
                Interval = Interval,
                LastCollectedAt = _lastScrapeAt,
                LastSuccessAt = _scrapes > 0 && _failures < _scrapes ? LastSuccess : null,
                Collections = _scrapes,
                Failures = _failures,
                LastScrape = _lastScrape is { } scrape ? ToResult(scrape) : null,
                LastHealthProbe = _lastProbe is { } probe ? ToResult(probe) : null,
            };
        }
    }

    private static ScrapeResult ToResult(in ScrapeReport report) => new()
    {
        Outcome = report.Outcome,
        Error = report.Error,
        Format = report.Format,
        Samples = report.Samples,
        BadLines = report.BadLines,
        FirstBadLine = report.FirstBadLine,
        RefusedSamples = report.Refused,
        FirstRefusal = report.FirstRefusal,
        Duration = report.Duration,
    };
}
