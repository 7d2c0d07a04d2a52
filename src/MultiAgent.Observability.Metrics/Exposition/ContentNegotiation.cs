using System.Globalization;

namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>Chooses between OpenMetrics 1.0.0 and text 0.0.4 from an Accept header's media ranges and q values.</summary>
internal static class ContentNegotiation
{
    public static ExpositionFormat Select(string? acceptHeader)
    {
        if (string.IsNullOrWhiteSpace(acceptHeader))
        {
            return ExpositionFormat.PrometheusText004;
        }

        var openMetrics = 0.0;
        var text = 0.0;
        foreach (var range in acceptHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            string? version = null;
            var quality = 1.0;
            for (var i = 1; i < parts.Length; i++)
            {
                var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    continue;
                }

                var name = parts[i][..equals].Trim();
                var value = parts[i][(equals + 1)..].Trim().Trim('"');
                if (name.Equals("version", StringComparison.OrdinalIgnoreCase))
                {
                    version = value;
                }
                else if (name.Equals("q", StringComparison.OrdinalIgnoreCase) &&
                    !double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality))
                {
                    quality = 0;
                }
            }

            var mediaType = parts[0];
            if (mediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) && version is null or "1.0.0")
            {
                openMetrics = Math.Max(openMetrics, quality);
            }
            else if ((mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) && version is null or "0.0.4") ||
                mediaType is "*/*" or "text/*")
            {
                text = Math.Max(text, quality);
            }
        }

        return openMetrics > 0 && openMetrics >= text ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.PrometheusText004;
    }
}
