using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAgent.Observability;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Exposition;
using QuickStart;

// Three in-process agents record requests, latency, tokens and queue depth for a few seconds;
// then the aggregates, the agents' status, the pipeline's accounting and the /metrics exposition are printed.
// Usage: dotnet run [--seconds N]
var seconds = 3.0;
var secondsIndex = Array.IndexOf(args, "--seconds");
if (secondsIndex >= 0 && (secondsIndex + 1 >= args.Length
    || !double.TryParse(args[secondsIndex + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
    || seconds is <= 0 or > 3600))
{
    await Console.Error.WriteLineAsync("--seconds needs a number of seconds between 0 and 3600, e.g. --seconds 5").ConfigureAwait(false);
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMultiAgentMonitoring().AddAgentMetrics();

(string Id, string Team, string Model)[] agents =
[
    ("research-agent", "search", "gpt-4o-mini"),
    ("writer-agent", "content", "gpt-4o"),
    ("reviewer-agent", "content", "o3-mini"),
];
for (var i = 0; i < agents.Length; i++)
{
    var (id, team, model) = agents[i];
    var seed = 42 + i;
    var info = new AgentInfo(AgentId.Parse(id)) { Labels = new Dictionary<string, string> { ["team"] = team, ["model"] = model } };
    builder.Services.AddSingleton<IHostedService>(sp => new SimulatedAgent(
        info,
        seed,
        TimeSpan.FromSeconds(seconds),
        sp.GetRequiredService<IMetricRecorder>(),
        sp.GetRequiredService<IAgentRegistry>(),
        sp.GetRequiredService<TimeProvider>()));
}


using var host = builder.Build();
var recorder = host.Services.GetRequiredService<IMetricRecorder>();
var reader = host.Services.GetRequiredService<IMetricReader>();
var registry = host.Services.GetRequiredService<IAgentRegistry>();
var time = host.Services.GetRequiredService<TimeProvider>();
Metrics.Describe(recorder);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{agents.Length} agents recording for {seconds:G} s..."));
await host.StartAsync().ConfigureAwait(false);
await Task.WhenAll(host.Services.GetServices<IHostedService>().OfType<SimulatedAgent>().Select(a => a.ExecuteTask ?? Task.CompletedTask)).ConfigureAwait(false);

// Samples sit in per-thread batches until the consumer takes them: flush before reading.
await reader.FlushAsync().ConfigureAwait(false);

Console.WriteLine();
Console.WriteLine("== Aggregates");
Console.Write(Report.Aggregates(reader));
Console.WriteLine();
Console.WriteLine("== Agents");
Console.Write(Report.Agents(registry, time));
Console.WriteLine();
Console.WriteLine("== Pipeline");
Console.WriteLine(Report.Statistics(reader.GetStatistics()));
Console.WriteLine();
Console.WriteLine("== GET /metrics (" + PrometheusExpositionWriter.PrometheusTextContentType + ")");
Console.Write(PrometheusExpositionWriter.Write(reader, ExpositionFormat.PrometheusText004));

await host.StopAsync().ConfigureAwait(false);
return 0;
