using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.AspNetCore;

/// <summary>Log messages of the ASP.NET Core package (event ids 6000-6999).</summary>
internal static partial class Log
{
    /// <summary>The category every message of the package is logged under.</summary>
    public const string Category = "MultiAgent.Observability.AspNetCore";

    /// <summary>Gets the package's logger from a request's services.</summary>
    public static ILogger For(HttpContext context) => context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    [LoggerMessage(EventId = 6001, EventName = "MetricsNotAcceptable", Level = LogLevel.Debug, Message = "Refused a /metrics request: its Accept header allows neither the Prometheus text format nor OpenMetrics")]
    public static partial void MetricsNotAcceptable(ILogger logger);

    [LoggerMessage(EventId = 6002, EventName = "InvalidTraceId", Level = LogLevel.Debug, Message = "Refused a trace request: the trace id is not 32 lowercase hexadecimal characters")]
    public static partial void InvalidTraceId(ILogger logger);

    [LoggerMessage(EventId = 6003, EventName = "DashboardPartFailed", Level = LogLevel.Error, Message = "The dashboard could not draw its {Part} section")]
    public static partial void DashboardPartFailed(ILogger logger, Exception exception, string part);
}
