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
/// One run: write the deployment output, start the remote agents and the monitoring host, run the fleet with the live
/// view (or quietly for <c>--json</c>) until the duration ends or Ctrl+C, drain, and report.
/// </summary>
internal static class FleetRun
{
    public static async Task<int> RunAsync(FleetRunOptions options, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var rules = FleetRules.Create();
        OutputResult output;
        try
        {
            output = DeploymentOutput.Write(options.OutputDirectory, rules);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"AgentFleet: cannot write the deployment output to --out '{options.OutputDirectory}': {e.Message}").ConfigureAwait(false);
            return 1;
        }

        var remotes = new List<RemoteAgentServer>();
        try
        {
            foreach (var member in Roster.Members.Where(static m => m.IsRemote))
            {
                remotes.Add(await RemoteAgentServer.StartAsync(member, time, cancellationToken).ConfigureAwait(false));
            }

            var app = BuildHost(options, rules, time);
            await using var disposeApp = app.ConfigureAwait(false);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"AgentFleet: cannot listen on 127.0.0.1:{options.Port}: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            return await RunFleetAsync(app, remotes, options, output, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var remote in remotes)
            {
                await remote.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunFleetAsync(WebApplication app, List<RemoteAgentServer> remotes, FleetRunOptions options, OutputResult output, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = app.Services;
        var registry = services.GetRequiredService<IAgentRegistry>();
        var recorder = services.GetRequiredService<IMetricRecorder>();
        var reader = services.GetRequiredService<IMetricReader>();
        var engine = services.GetRequiredService<IAlertEngine>();
        FleetMetrics.Describe(recorder);
        foreach (var remote in remotes)
        {
            registry.Register(remote.Info);
        }

        var baseUrl = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var dashboardUrl = baseUrl + "/dashboard";
        if (!options.Json)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Monitoring endpoints on [link]{baseUrl}[/] (dashboard: [link]{dashboardUrl}[/], metrics: {baseUrl}/metrics)");
        }

        var slowest = new SlowestTrace();
        var simulation = new FleetSimulation(recorder, registry, time, slowest);
        var watcher = new FleetWatcher(registry, reader, engine, services.GetRequiredService<ITraceStore>(), slowest, time, dashboardUrl, options.Duration);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);
        var running = simulation.RunAsync(stop.Token);
        if (options.Json)
        {
            await watcher.RunAsync(null, stop.Token).ConfigureAwait(false);
        }
        else
        {
            await AnsiConsole.Live(new Text("starting...")).StartAsync(ctx => watcher.RunAsync(
                view =>
                {
                    ctx.UpdateTarget(LiveView.Render(view));
                    ctx.Refresh();
                },
                stop.Token)).ConfigureAwait(false);
        }

        await running.ConfigureAwait(false);
        var elapsed = watcher.Elapsed;
        watcher.Journal.Observe(engine.GetAlerts());

        // Drain: the pipeline aggregates everything accepted before it stops, so the accounting is exact.
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        watcher.Journal.Observe(engine.GetAlerts());

        var health = services.GetRequiredService<IFleetHealthReporter>().Generate(elapsed);
        var result = BuildResult(elapsed, dashboardUrl, registry, watcher, health, reader.GetStatistics(), output);
        if (options.Json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, FleetRunJsonContext.Default.FleetRunResult)).ConfigureAwait(false);
        }
        else
        {
            FinalReport.Write(AnsiConsole.Console, health, result);
        }

        return 0;
    }

    private static FleetRunResult BuildResult(
        TimeSpan elapsed,
        string dashboardUrl,
        IAgentRegistry registry,
        FleetWatcher watcher,
        FleetHealthReport health,
        MetricPipelineStatistics statistics,
        OutputResult output)
    {
        var history = watcher.Journal.Snapshot();
        return new FleetRunResult
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
                Accepted = statistics.Accepted,
                Aggregated = statistics.Aggregated,
                Dropped = statistics.Dropped,
                Rejected = statistics.Rejected,
                Series = statistics.SeriesCount,
            },
            SlowestTrace = watcher.SlowestTrace(),
            Output = output,
        };
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
            .AddGenAIMetrics(o => o.TraceQuietPeriod = TimeSpan.FromSeconds(1))
            .AddMeterBridge(o => o.Meters.Add(GenAIMetricNames.MeterName))
            .AddMonitoringEndpoints(o =>
            {
                // The dashboard's sparklines: the series the story is about, over the last minute.
                o.Window = TimeSpan.FromMinutes(1);
                o.SparklineMetrics.Clear();
                o.SparklineMetrics.Add(FleetMetrics.Latency);
                o.SparklineMetrics.Add(FleetMetrics.InboxDepth);
                o.SparklineMetrics.Add(FleetMetrics.Cpu);
            });

        var app = builder.Build();
        app.MapMultiAgentMonitoring();
        return app;
    }
}
