using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Collection;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.AspNetCore.Api;

/// <summary>
/// The JSON endpoints. Each resolves the service it reads at request time, so a host without collection, alerting or
/// tracing still serves the others; the missing ones answer 404 with a problem body saying what is not added.
/// </summary>
internal static class ApiEndpoints
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Task FleetAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<IFleetOverview>() is not { } fleet)
        {
            return NotAddedAsync(context, "Agent collection (AddAgentCollection)");
        }

        StartJson(context);
        return fleet.GetOverview().WriteJsonAsync(context.Response.Body, context.RequestAborted);
    }

    public static Task HealthReportAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<IFleetHealthReporter>() is not { } reporter)
        {
            return NotAddedAsync(context, "Alerting (AddAlerting)");
        }

        var report = reporter.Generate(OptionsOf(context).Window);
        StartJson(context);
        return JsonSerializer.SerializeAsync(context.Response.Body, report, MonitoringJsonContext.Default.FleetHealthReport, context.RequestAborted);
    }

    public static Task AlertsAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<IAlertEngine>() is not { } engine)
        {
            return NotAddedAsync(context, "Alerting (AddAlerting)");
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var alerts = AlertList.From(engine.GetAlerts(), OptionsOf(context).MaxResolvedAlerts, now);
        StartJson(context);
        return JsonSerializer.SerializeAsync(context.Response.Body, alerts, MonitoringJsonContext.Default.AlertList, context.RequestAborted);
    }

    public static Task TracesAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<ITraceStore>() is not { } store)
        {
            return NotAddedAsync(context, "Agent tracing (AddAgentTracing)");
        }

        var recent = RecentTraces.Read(store, OptionsOf(context).MaxTraces);
        var summaries = new TraceSummary[recent.Count];
        for (var i = 0; i < summaries.Length; i++)
        {
            summaries[i] = recent[i].Summary;
        }

        var list = new TraceList
        {
            GeneratedAt = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            TracesHeld = store.TraceCount,
            Traces = summaries,
        };
        StartJson(context);
        return JsonSerializer.SerializeAsync(context.Response.Body, list, MonitoringJsonContext.Default.TraceList, context.RequestAborted);
    }

    public static async Task TraceAsync(HttpContext context)
    {
        if (!AgentTraceContext.TryParseTraceId(context.Request.RouteValues["traceId"] as string, out var traceId))
        {
            var logger = Log.For(context);
            Log.InvalidTraceId(logger);
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid trace id",
                "A trace id is 32 lowercase hexadecimal characters, not all zero.").ConfigureAwait(false);
            return;
        }

        if (context.RequestServices.GetService<ITraceStore>() is not { } store)
        {
            await NotAddedAsync(context, "Agent tracing (AddAgentTracing)").ConfigureAwait(false);
            return;
        }

        if (!store.TryGetTrace(traceId, out var trace))
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Trace not found",
                "The trace store holds no trace with this id; it may have been evicted.").ConfigureAwait(false);
            return;
        }

        var analysis = TraceAnalyzer.Analyze(trace.Spans);
        StartJson(context);
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            TraceAnalysisJson.Write(analysis, writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static MonitoringEndpointsOptions OptionsOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<MonitoringEndpointsOptions>>().Value;

    private static void StartJson(HttpContext context)
    {
        context.Response.ContentType = JsonContentType;
        context.Response.Headers.CacheControl = "no-store";
    }

    private static Task NotAddedAsync(HttpContext context, string feature) =>
        Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not available", $"{feature} is not added to this host.");
}
