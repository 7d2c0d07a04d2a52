using System.Globalization;
using AgentFrameworkTracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAgent.Observability;
using MultiAgent.Observability.Tracing;

// Offline multi-agent conversation traced end to end:
//   Dispatcher (our ActivitySource) --queue + traceparent--> Coordinator (Agent Framework) --tool--> Researcher --tool--> GetWeather
// Usage: dotnet run [--json] [--chrome-trace FILE]
var json = args.Contains("--json");
var chromeIndex = Array.IndexOf(args, "--chrome-trace");
var chromeFile = chromeIndex >= 0 && chromeIndex + 1 < args.Length ? args[chromeIndex + 1] : null;
if (chromeIndex >= 0 && chromeFile is null)
{
    await Console.Error.WriteLineAsync("--chrome-trace needs a file name").ConfigureAwait(false);
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
// GenAI metrics from the spans; the fake model gets a made-up price so the analysis shows a cost.
builder.Services.AddMultiAgentMonitoring().AddAgentTracing().AddGenAIMetrics(o => o.Prices.Add(new ModelPrice
{
    Provider = "fakeprovider", Model = "fake-model", InputPerMillion = 3m, OutputPerMillion = 15m, Currency = "USD",
}));
using var host = builder.Build();
await host.StartAsync().ConfigureAwait(false);

// The Agent Framework's default source, Experimental.Microsoft.Agents.AI, is collected by default.
var coordinator = MultiAgentConversation.CreateCoordinator(sourceName: null, latency: TimeSpan.FromMilliseconds(40));
var (answer, traceId) = await MultiAgentConversation.DispatchAsync(coordinator, "What is the weather in Oslo?").ConfigureAwait(false);

var store = host.Services.GetRequiredService<ITraceStore>();
if (!store.TryGetTrace(traceId, out var trace))
{
    await Console.Error.WriteLineAsync($"trace {traceId} was not collected").ConfigureAwait(false);
    return 1;
}

var analysis = TraceAnalyzer.Analyze(trace.Spans, new TraceAnalyzerOptions { Prices = host.Services.GetRequiredService<GenAIPriceTable>() });
if (json)
{
    Console.WriteLine(TraceAnalysisJson.Serialize(analysis, indented: true));
}
else
{
    Console.WriteLine(AnalysisTable.Render(answer, analysis));
}

if (chromeFile is not null)
{
    using (var file = File.Create(chromeFile))
    {
        ChromeTraceExporter.Write(trace.Spans, file);
    }

    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {trace.Spans.Count} spans to {chromeFile} (open in ui.perfetto.dev or chrome://tracing)")).ConfigureAwait(false);
}

await host.StopAsync().ConfigureAwait(false);
return 0;
