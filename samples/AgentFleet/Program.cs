using System.CommandLine;
using System.Globalization;
using AgentFleet;

// A simulated fleet of 12 agents in one process, monitored by the MultiAgent.Observability packages: metrics,
// collection of two agents served over HTTP, alert rules, tracing across in-process messages, the monitoring
// endpoints and dashboard on 127.0.0.1; then the fleet health report. See README.md.
var port = new Option<int>("--port") { Description = "Port of the monitoring endpoints on 127.0.0.1 (0: a free port)", DefaultValueFactory = _ => 0 };
port.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int>() is < 0 or > 65535)
    {
        r.AddError("--port must be between 0 and 65535");
    }
});
var duration = new Option<double>("--duration") { Description = "Seconds to run before draining and reporting", DefaultValueFactory = _ => 60 };
duration.Validators.Add(r =>
{
    if (r.GetValueOrDefault<double>() is not (> 0 and <= 86_400))
    {
        r.AddError("--duration must be a number of seconds between 0 and 86400, e.g. --duration 20");
    }
});
var json = new Option<bool>("--json") { Description = "Print machine-readable JSON instead of the live view" };
var output = new Option<string>("--out") { Description = "Directory for the deployment bundle and the rule file", DefaultValueFactory = _ => "out" };

var root = new RootCommand("AgentFleet: a simulated multi-agent fleet, monitored end to end") { port, duration, json, output };
// Ctrl+C ends the run early; the fleet still drains and reports (System.CommandLine's own handler would not wait).
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

root.SetAction((result, _) => FleetRun.RunAsync(
    new FleetRunOptions
    {
        Port = result.GetValue(port),
        Duration = TimeSpan.FromSeconds(result.GetValue(duration)),
        Json = result.GetValue(json),
        OutputDirectory = result.GetValue(output)!,
    },
    interrupted.Token));

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
