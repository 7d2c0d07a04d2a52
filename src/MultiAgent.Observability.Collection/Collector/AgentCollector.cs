using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection;

/// <summary>
/// Collects every registered agent that has a metrics or health endpoint, on a periodic <see cref="TimeProvider"/> timer per agent:
/// scrape, probe, record <c>up</c>, <c>scrape_duration_seconds</c> and <c>scrape_samples_scraped</c>, and move the
/// agent's status (active, unhealthy, stale) in the registry. Timers start and stop as agents register and unregister.
/// A shared semaphore bounds how many requests run at once; each request has its own timeout, so a slow agent holds
/// one slot for at most the timeout and never delays another agent's schedule.
/// </summary>
internal sealed class AgentCollector : BackgroundService
{
    private readonly AgentRegistry _registry;
    private readonly IMetricRecorder _recorder;
    private readonly IMetricSnapshotRecorder _snapshots;
    private readonly TimeProvider _time;
    private readonly AgentCollectionOptions _options;
    private readonly TargetScraper _scraper;
    private readonly CollectionTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<AgentId, TargetState> _targets = new();
    private readonly SemaphoreSlim _requests;
    private readonly Lock _reconcileLock = new();
    private CancellationToken _stopping;

    public AgentCollector(
        AgentRegistry registry,
        IMetricRecorder recorder,
        IMetricSnapshotRecorder snapshots,
        IHttpClientFactory clients,
        TimeProvider time,
        IOptions<AgentCollectionOptions> options,
        CollectionTelemetry telemetry,
        ILogger<AgentCollector>? logger = null)
    {
        _registry = registry;
        _recorder = recorder;
        _snapshots = snapshots;
        _time = time;
        _options = options.Value;
        _telemetry = telemetry;
        _logger = logger ?? NullLogger<AgentCollector>.Instance;
        _scraper = new TargetScraper(clients, time, _options);
        _requests = new SemaphoreSlim(_options.MaxConcurrentRequests);
    }

    /// <summary>Raised after each collection of an agent finishes (tests wait on it instead of on time).</summary>
    public event Action<AgentId, bool>? Collected;

    /// <summary>Raised after an agent's loop has stopped (and, for an unregistered agent, its series were retired).</summary>
    public event Action<AgentId>? Stopped;

    public bool TryGetSnapshot(AgentId id, out AgentCollectionSnapshot snapshot)
    {
        snapshot = null!;
        if (!_targets.TryGetValue(id, out var target))
        {
            return false;
        }

        snapshot = target.Snapshot();
        return true;
    }

    public int TargetCount => _targets.Count;

    public TimeSpan DefaultInterval => _options.Interval;

    /// <summary>Starts the timers of the agents already registered before returning, so their schedule starts with the host (ExecuteAsync runs later, on the thread pool).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _registry.StatusChanged += OnStatusChanged;
        Reconcile();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            Reconcile();
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            _registry.StatusChanged -= OnStatusChanged;
            foreach (var target in _targets.Values)
            {
                await StopTargetAsync(target).ConfigureAwait(false);
            }

            _targets.Clear();
        }
    }

    private void OnStatusChanged(object? sender, AgentStatusChangedEventArgs e)
    {
        // Registrations and removals change the set of loops; our own status reports do not.
        if (e.PreviousStatus is null || e.Agent.Status == AgentStatus.Unregistered)
        {
            Reconcile();
        }
    }

    /// <summary>Starts a loop for every registered agent with an endpoint that has none, and stops loops of agents gone.</summary>
    internal void Reconcile()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        lock (_reconcileLock)
        {
            var agents = _registry.GetAll();
            var present = new HashSet<AgentId>();
            foreach (var agent in agents)
            {
                if (agent.Info.MetricsEndpoint is null && agent.Info.HealthEndpoint is null)
                {
                    continue;
                }

                present.Add(agent.Info.Id);
                if (!_targets.ContainsKey(agent.Info.Id))
                {
                    var interval = _options.GetInterval(agent.Info.Id.Value);
                    var target = new TargetState(agent.Info.Id, _recorder, _snapshots, interval, _time.GetUtcNow(), Math.Max(_options.MaxSamplesPerScrape, 1) * 2, _options.RetireStaleSeriesAfter);
                    _targets[agent.Info.Id] = target;
                    // One periodic timer per agent on the TimeProvider, created here: the schedule is fixed at registration and never drifts.
                    target.Timer = _time.CreateTimer(Tick, (this, target), FirstOffset(agent.Info.Id, interval), interval);
                    Log.CollectionStarted(_logger, agent.Info.Id.Value, interval);
                }
            }

            foreach (var (id, target) in _targets)
            {
                if (!present.Contains(id) && _targets.TryRemove(id, out _))
                {
                    _ = StopTargetAsync(target, retire: true);
                }
            }
        }
    }

    /// <summary>Stops a target's loop; for an agent that is gone (<paramref name="retire"/>), then retires its series, scraped and per-target alike.</summary>
    private async Task StopTargetAsync(TargetState target, bool retire = false)
    {
        await target.Timer.DisposeAsync().ConfigureAwait(false);
        await target.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await target.Current.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-collection.
        }

        target.Stop.Dispose();
        if (retire)
        {
            // The loop has ended: nothing touches the target's series any more.
            target.Series.RetireAll();
            _snapshots.Retire(target.Up);
            _snapshots.Retire(target.Duration);
            _snapshots.Retire(target.SamplesScraped);
        }

        Log.CollectionStopped(_logger, target.Id.Value);
        Stopped?.Invoke(target.Id);
    }

    private static void Tick(object? state)
    {
        var (self, target) = ((AgentCollector, TargetState))state!;
        self.OnTick(target);
    }

    /// <summary>A tick of an agent's timer: starts a collection unless the previous one still runs (that tick is skipped, so a slow agent never bunches up).</summary>
    private void OnTick(TargetState target)
    {
        if (Interlocked.Exchange(ref target.Running, 1) == 0)
        {
            // Off the timer's thread (and any synchronization context): the tick returns at once.
            target.Current = Task.Run(() => CollectOnceAsync(target));
        }
    }

    private async Task CollectOnceAsync(TargetState target)
    {
        try
        {
            await CollectAsync(target, target.Stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (target.Stop.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // One agent's failure must never end its schedule or touch other agents.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CollectionLoopFailed(_logger, ex, target.Id.Value);
        }
        finally
        {
            Volatile.Write(ref target.Running, 0);
        }
    }

    /// <summary>Offsets each agent by a share of its interval fixed by its id, so scrapes spread over the interval; zero without <see cref="AgentCollectionOptions.SpreadScrapes"/>.</summary>
    internal TimeSpan FirstOffset(AgentId id, TimeSpan interval)
    {
        if (!_options.SpreadScrapes)
        {
            return TimeSpan.Zero;
        }

        // In (0, interval]: never at once, so a target registered at start is first collected within its first interval.
        var share = ((uint)StringComparer.Ordinal.GetHashCode(id.Value) % 10_000u) + 1;
        return TimeSpan.FromMilliseconds(Math.Ceiling(interval.TotalMilliseconds * share / 10_000.0));
    }

    internal async Task CollectAsync(TargetState target, CancellationToken cancellationToken)
    {
        if (!_registry.TryGet(target.Id, out var agent))
        {
            return;
        }

        ScrapeReport? scrape = null;
        ScrapeReport? probe = null;
        await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (agent.Info.MetricsEndpoint is { } metrics)
            {
                scrape = await _scraper.ScrapeAsync(metrics, target.Series, target.Parser, cancellationToken).ConfigureAwait(false);
                Report(target, metrics, scrape.Value, health: false);
            }

            if (agent.Info.HealthEndpoint is { } health)
            {
                probe = await _scraper.ProbeAsync(health, cancellationToken).ConfigureAwait(false);
                Report(target, health, probe.Value, health: true);
            }
        }
        finally
        {
            _requests.Release();
        }

        var succeeded = scrape?.Succeeded != false && probe?.Succeeded != false;
        if (scrape is { } result)
        {
            _recorder.Record(target.Up, result.Succeeded ? 1 : 0);
            _recorder.Record(target.Duration, result.Duration.TotalSeconds);
            _recorder.Record(target.SamplesScraped, result.Samples);
        }

        var now = _time.GetUtcNow();
        UpdateStatus(target, succeeded, scrape, probe, now);
        target.Completed(now, scrape, probe, succeeded);
        Collected?.Invoke(target.Id, succeeded);
    }

    private void Report(TargetState target, Uri endpoint, in ScrapeReport report, bool health)
    {
        _telemetry.Completed(report, health);
        if (!report.Succeeded)
        {
            if (health)
            {
                Log.HealthProbeFailed(_logger, target.Id.Value, endpoint, report.Outcome, report.Error!);
            }
            else
            {
                Log.ScrapeFailed(_logger, target.Id.Value, endpoint, report.Outcome, report.Error!);
            }

            return;
        }

        if (report.BadLines > 0)
        {
            Log.ScrapeBadLines(_logger, target.Id.Value, report.BadLines, report.FirstBadLine!);
        }

        if (report.Refused > 0)
        {
            Log.SamplesRefused(_logger, target.Id.Value, report.Refused, report.FirstRefusal!);
        }
    }

    private void UpdateStatus(TargetState target, bool succeeded, ScrapeReport? scrape, ScrapeReport? probe, DateTimeOffset now)
    {
        if (succeeded)
        {
            target.LastSuccess = now;
            _registry.Heartbeat(target.Id);
            return;
        }

        var failed = scrape is { Succeeded: false } s ? ("scrape", s) : ("health probe", probe!.Value);
        var reason = $"{failed.Item1} failed ({failed.Item2.Outcome}): {failed.Item2.Error}";
        if (!_registry.TryGet(target.Id, out var agent) || agent.Status == AgentStatus.Stale)
        {
            return;
        }

        if (now - target.LastSuccess >= target.Interval * _options.StaleAfterIntervals)
        {
            _registry.ReportStale(target.Id, $"nothing succeeded since {target.LastSuccess:O}; last {reason}");
        }
        else
        {
            _registry.ReportUnhealthy(target.Id, reason);
        }
    }
}
