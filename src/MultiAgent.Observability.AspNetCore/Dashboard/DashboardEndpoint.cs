using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.AspNetCore.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: one self-contained HTML page rendered on the server (inline CSS and SVG, no script, no
/// external fetch — the Content-Security-Policy forbids any), so it works in an air-gapped cluster. A section that
/// fails to draw is logged and replaced by a note; the rest of the page is still served.
/// </summary>
internal static class DashboardEndpoint
{
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<MonitoringEndpointsOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var registry = services.GetRequiredService<IAgentRegistry>();
        var reader = services.GetRequiredService<IMetricReader>();
        var html = new HtmlWriter();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (options.DashboardRefresh > TimeSpan.Zero)
        {
            html.Raw("<meta http-equiv=\"refresh\"").Attribute("content", Math.Max(1, Math.Round(options.DashboardRefresh.TotalSeconds)), "0").Raw(">");
        }

        html.Raw("<title>Multi-agent fleet</title><style>").Raw(Stylesheet).Raw("</style></head><body><header><h1>Multi-agent fleet</h1><p class=\"generated\">Generated <time")
            .Attribute("datetime", now.ToString("O", CultureInfo.InvariantCulture)).Raw(">").Text(now.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
            .Raw("</time> · recent values over ").Text(options.Window.TotalMinutes, "0.#").Raw(" min</p></header><main>");
        Section(context, html, "agents", () => AgentsSection.Write(html, registry, reader, options, now));
        Section(context, html, "alerts", () => AlertsSection.Write(html, services.GetService<IAlertEngine>(), options, now));
        Section(context, html, "trace", () => WaterfallSection.Write(html, services.GetService<ITraceStore>(), options));
        html.Raw("</main></body></html>");

        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        return response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private static void Section(HttpContext context, HtmlWriter html, string part, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var logger = Log.For(context);
            Log.DashboardPartFailed(logger, e, part);
            html.Raw("<section").Attribute("data-section", part).Raw("><p class=\"empty\" data-failed=\"true\">This section could not be drawn; the host's log has the error.</p></section>");
        }
    }

    private const string Stylesheet =
        "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2330;background:#f5f6f8}" +
        "header{background:#1d2330;color:#fff;padding:12px 24px}h1{font-size:20px;margin:0}.generated{margin:4px 0 0;color:#b8c0cc}" +
        "main{padding:8px 24px 24px}section{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:16px 0;padding:12px 16px}" +
        "h2{font-size:16px;margin:0 0 8px}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef0f3;vertical-align:middle}" +
        "th{font-weight:600;color:#5a6472}.num{text-align:right;font-variant-numeric:tabular-nums}.agent{font-family:ui-monospace,monospace}" +
        ".status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#e6e8eb}.status-active{background:#d7f5df;color:#136c2e}" +
        ".status-unhealthy{background:#fde2d8;color:#9c2b06}.status-stale{background:#fff0c2;color:#7a5600}" +
        ".sparks{white-space:nowrap}.spark{display:inline-block;margin:0 10px 0 0}.spark svg{display:block;background:#f7f9fb;border-radius:3px}" +
        ".spark polyline{fill:none;stroke:#2b6cb0;stroke-width:1.5}.spark figcaption{font-size:11px;color:#5a6472}" +
        ".alerts{list-style:none;margin:0;padding:0}.alert{padding:6px 8px;border-left:4px solid #b8c0cc;margin:4px 0;background:#f7f9fb}" +
        ".alert-firing{border-color:#d1390c}.alert-pending{border-color:#d69e00}.alert-resolved{border-color:#2f9e55;color:#5a6472}" +
        ".badge{font-size:11px;text-transform:uppercase;font-weight:600}.severity{font-size:12px;color:#5a6472}.empty{color:#5a6472}" +
        ".waterfall{background:#fbfcfd;border:1px solid #eef0f3}.waterfall .label{font-size:11px;fill:#1d2330}.waterfall .axis{font-size:11px;fill:#5a6472}" +
        ".span rect{fill:#8fb3d9}.span.critical rect{fill:#d1390c}.span.error rect{fill:#9b59b6}" +
        ".legend .key{display:inline-block;width:12px;height:10px;background:#8fb3d9;margin:0 4px 0 12px}.legend .key.critical{background:#d1390c}.legend .key.error{background:#9b59b6}";
}
