using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.AspNetCore.Metrics;

/// <summary>
/// Decides whether a scrape's <c>Accept</c> header allows the format <see cref="PrometheusExpositionWriter.SelectFormat"/>
/// picks for it. The negotiation falls back to the 0.0.4 text format for any header; this says when that fallback is
/// something the client refused (<c>Accept: application/json</c>), which is a 406.
/// </summary>
internal static class ExpositionAccept
{
    /// <summary>Gets whether the header allows <paramref name="format"/>: true for a missing or unparsable header (it is then ignored).</summary>
    public static bool Allows(StringValues accept, ExpositionFormat format)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return true;
        }

        foreach (var range in ranges)
        {
            if (range.Quality is 0 || !Matches(range, format))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool Matches(MediaTypeHeaderValue range, ExpositionFormat format)
    {
        if (range.MatchesAllTypes)
        {
            return true;
        }

        var version = NameValueHeaderValue.Find(range.Parameters, "version")?.Value.Value;
        return format switch
        {
            ExpositionFormat.OpenMetrics100 =>
                range.MediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) && version is null or "1.0.0",
            _ => (range.MatchesAllSubTypes && range.Type.Equals("text", StringComparison.OrdinalIgnoreCase)) ||
                (range.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) && version is null or "0.0.4"),
        };
    }
}
