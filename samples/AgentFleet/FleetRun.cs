using System.Text.Json;
using AgentFleet.Reporting;
using AgentFleet.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiAgent.Observability;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Tracing;
using Spectre.Console;

namespace AgentFleet;

/// <summary>
/// One run: start the remote agents and the monitoring host, write the deployment output, run the fleet with the live
/// view (or quietly for <c>--json</c>) until the duration ends or Ctrl+C, drain, and report.
/// </summary>
internal static class FleetRun
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(FleetRunOptions options, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var rules = FleetRules.Create();
        var output = DeploymentOutput.Write(options.OutputDirectory, rules);

        var remotes = new List<RemoteAgentServer>();
        foreach (var member in Roster.Members.Where(static m => m.IsRemote))
        {
            remotes.Add(await RemoteAgentServer.StartAsync(member, time, cancellationToken).ConfigureAwait(false));
        }

        try
        {
            var app = BuildHost(options, rules, time);
            await using var disposeApp = app.ConfigureAwait(false);
            var services = app.Services;
            var registry = services.GetRequiredService<IAgentRegistry>();
            foreach (var remote in remotes)
            {
                registry.Register(remote.Info);
            }

            var recorder = services.GetRequiredService<IMetricRecorder>();
            var reader = services.GetRequiredService<IMetricReader>();
            var engine = services.GetRequiredService<IAlertEngine>();
            var store = services.GetRequiredService<ITraceStore>();
            FleetMetrics.Describe(recorder);

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            var dashboardUrl = baseUrl + "/dashboard";
            if (!options.Json)
            {
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Monitoring endpoints on [link]{baseUrl}[/] (dashboard: [link]{dashboardUrl}[/], metrics: {baseUrl}/metrics)");
            }

            var journal = new AlertJournal();
            var slowest = new SlowestTrace();
            var simulation = new FleetSimulation(recorder, registry, time, slowest);
            var started = time.GetTimestamp();

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(options.Duration);
            var running = simulation.RunAsync(stop.Token);

            TraceResult? trace = null;
            var lastAccepted = 0L;
            var lastTick = started;
            var live = options.Json ? null : AnsiConsole.Live(new Text("starting...")).AutoClear(false);
            async Task WatchAsync(Action<FleetView>? show)
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(RefreshInterval, time, stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    journal.Observe(engine.GetAlerts());
                    if (show is null)
                    {
                        continue;
                    }

                    var statistics = reader.GetStatistics();
                    var now = time.GetTimestamp();
                    var rate = (statistics.Accepted - lastAccepted) / Math.Max(0.001, time.GetElapsedTime(lastTick, now).TotalSeconds);
                    (lastAccepted, lastTick) = (statistics.Accepted, now);
                    if (slowest.TryGet(out var traceId, out _) && (trace is null || trace.TraceId != traceId.ToHexString()))
                    {
                        trace = TraceSummary.Summarize(store, traceId) ?? trace;
                    }

                    show(new FleetView
                    {
                        Agents = registry.GetAll(),
                        ActiveAlerts = engine.GetAlerts(),
                        History = journal.Snapshot(),
                        SamplesPerSecond = rate,
                        Accepted = statistics.Accepted,
                        Dropped = statistics.Dropped,
                        SlowestTrace = trace,
                        DashboardUrl = dashboardUrl,
                        Elapsed = time.GetElapsedTime(started),
                        Duration = options.Duration,
                        Now = time.GetUtcNow(),
                    });
                }
            }

            if (live is null)
            {
                await WatchAsync(null).ConfigureAwait(false);
            }
            else
            {
                await live.StartAsync(ctx => WatchAsync(view =>
                {
                    ctx.UpdateTarget(LiveView.Render(view));
                    ctx.Refresh();
                })).ConfigureAwait(false);
            }

            await running.ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);
            journal.Observe(engine.GetAlerts());

            // Drain: the pipeline aggregates everything accepted before it stops, so the accounting is exact.
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            journal.Observe(engine.GetAlerts());

            var health = services.GetRequiredService<IFleetHealthReporter>().Generate(elapsed);
            var statisticsAtEnd = reader.GetStatistics();
            if (slowest.TryGet(out var slowestId, out _))
            {
                trace = TraceSummary.Summarize(store, slowestId) ?? trace;
            }

            var history = journal.Snapshot();
            var result = new FleetRunResult
            {
                DurationSeconds = Math.Round(elapsed.TotalSeconds, 3),
                DashboardUrl = dashboardUrl,
                Agents = registry.GetAll().OrderBy(static a => a.Info.Id).Select(static a => new AgentResult
                {
                    Id = a.Info.Id.Value,
                    Role = Roster.Members.FirstOrDefault(m => m.Id == a.Info.Id.Value)?.Role.ToString().ToLowerInvariant() ?? "other",
                    Remote = a.Info.MetricsEndpoint is not null,
                    Status = a.Status.ToString().ToLowerInvariant(),
                    StatusReason = a.StatusReason,
                }).ToList(),
                Alerts = new AlertsResult
                {
                    Fired = history.Count,
                    Resolved = history.Count(static a => a.ResolvedAt is not null),
                    History = history,
                },
                HealthReport = JsonDocument.Parse(health.ToJson()).RootElement.Clone(),
                Pipeline = new PipelineResult
                {
                    Accepted = statisticsAtEnd.Accepted,
                    Aggregated = statisticsAtEnd.Aggregated,
                    Dropped = statisticsAtEnd.Dropped,
                    Rejected = statisticsAtEnd.Rejected,
                    Series = statisticsAtEnd.SeriesCount,
                },
                SlowestTrace = trace,
                Output = output,
            };

            if (options.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(result, FleetRunJsonContext.Default.FleetRunResult));
            }
            else
            {
                FinalReport.Write(AnsiConsole.Console, health, result);
            }

            return 0;
        }
        finally
        {
            foreach (var remote in remotes)
            {
                await remote.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static WebApplication BuildHost(FleetRunOptions options, IReadOnlyList<AlertRuleGroup> rules, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Warnings (an agent gone stale, alert notifications) go to standard error; the live view keeps the terminal to
        // itself, so it lets only errors through.
        builder.Logging.SetMinimumLevel(options.Json ? LogLevel.Warning : LogLevel.Error);
        builder.WebHost.UseUrls(FormattableString.Invariant($"http://127.0.0.1:{options.Port}"));

        builder.Services.AddSingleton(time);
        builder.Services
            .AddMultiAgentMonitoring(o =>
            {
                o.StaleAfter = TimeSpan.FromSeconds(3);
                o.StalenessCheckInterval = TimeSpan.FromMilliseconds(250);
            })
            .AddAgentMetrics()
            .AddAgentCollection(o =>
            {
                o.Interval = TimeSpan.FromSeconds(1);
                o.HostMetricsInterval = TimeSpan.FromSeconds(2);
                o.AllowedHosts.Add("127.0.0.1");
            })
            .AddAlerting(o =>
            {
                o.EvaluationInterval = TimeSpan.FromSeconds(1);
                o.Notifications.GroupWait = TimeSpan.FromSeconds(1);
                o.Notifications.GroupInterval = TimeSpan.FromSeconds(2);
                foreach (var group in rules)
                {
                    o.Groups.Add(group);
                }
            })
            .AddAgentTracing(o => o.MaxTraces = 2_000)
            .AddMonitoringEndpoints();

        var app = builder.Build();
        app.MapMultiAgentMonitoring();
        return app;
    }
}
