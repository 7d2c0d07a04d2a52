using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.AspNetCore.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the pipeline's exposition in the format the <c>Accept</c> header asks for, streamed into the
/// response in chunks. It reads what is aggregated without waiting for a flush, so a scrape answers even while the
/// pipeline is flooded (the pipeline's own timer hands over idle producers' samples).
/// </summary>
internal static class MetricsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (!PrometheusExpositionWriter.TryNegotiateFormat(context.Request.Headers.Accept.ToString(), out var format))
        {
            var logger = Log.For(context);
            Log.MetricsNotAcceptable(logger);
            await Problems.WriteAsync(context, StatusCodes.Status406NotAcceptable, "Not acceptable",
                "The metrics are served as text/plain; version=0.0.4 or application/openmetrics-text; version=1.0.0.").ConfigureAwait(false);
            return;
        }

        var reader = context.RequestServices.GetRequiredService<IMetricReader>();
        var response = context.Response;
        response.ContentType = PrometheusExpositionWriter.GetContentType(format);
        response.Headers.CacheControl = "no-store";
        response.Headers.Vary = "Accept";
        await PrometheusExpositionWriter.WriteAsync(reader, response.Body, format, context.RequestAborted).ConfigureAwait(false);
    }
}
