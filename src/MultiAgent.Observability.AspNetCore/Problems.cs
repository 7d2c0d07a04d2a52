using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MultiAgent.Observability.AspNetCore;

/// <summary>
/// Writes RFC 9457 problem bodies (<c>application/problem+json</c>). Titles and details are fixed text: nothing from
/// the request is echoed back.
/// </summary>
internal static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        response.Headers.CacheControl = "no-store";
        var problem = new Problem { Status = status, Title = title, Detail = detail };
        return JsonSerializer.SerializeAsync(response.Body, problem, MonitoringJsonContext.Default.Problem, context.RequestAborted);
    }
}

/// <summary>An RFC 9457 problem body.</summary>
internal sealed class Problem
{
    public required int Status { get; init; }

    public required string Title { get; init; }

    public required string Detail { get; init; }
}
