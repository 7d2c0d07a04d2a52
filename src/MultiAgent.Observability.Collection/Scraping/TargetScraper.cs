using System.Net.Http.Headers;
using System.Text.Json;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Collection;

/// <summary>
/// Fetches a target's metrics or health endpoint over <see cref="IHttpClientFactory"/> within the limits of
/// <see cref="AgentCollectionOptions"/>: URL policy on every hop of a redirect, a timeout on the whole exchange
/// (on <see cref="TimeProvider"/>), a body size cap, and the format chosen by the response's Content-Type.
/// </summary>
internal sealed class TargetScraper
{
    /// <summary>The name of the <see cref="HttpClient"/> collection uses; configure it with <c>AddHttpClient(name)</c>.</summary>
    public const string HttpClientName = "MultiAgent.Observability.Collection";

    /// <summary>OpenMetrics first, as Prometheus asks, then the text format, then the JSON body.</summary>
    public const string MetricsAccept = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,application/json;q=0.4,*/*;q=0.1";

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly AgentCollectionOptions _options;
    private readonly TargetUrlPolicy _policy;

    public TargetScraper(IHttpClientFactory clients, TimeProvider time, AgentCollectionOptions options)
    {
        _clients = clients;
        _time = time;
        _options = options;
        _policy = new TargetUrlPolicy(options);
    }

    /// <summary>Scrapes a metrics endpoint into <paramref name="series"/>: committed on success, aborted (series marked stale) on failure.</summary>
    public async Task<ScrapeReport> ScrapeAsync(Uri endpoint, TargetSeries series, ExpositionParser parser, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        series.Begin(_options.MaxSamplesPerScrape, _options.MaxLabelLength, _time.GetUtcNow());
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string? format = null;
        try
        {
            using var response = await SendAsync(endpoint, MetricsAccept, linked.Token).ConfigureAwait(false);
            format = FormatOf(response.Content.Headers.ContentType);
            var body = await OpenBodyAsync(response, linked.Token).ConfigureAwait(false);
            await using var bodyScope = body.ConfigureAwait(false);
            var (badLines, firstBadLine) = (0, (string?)null);
            if (format == "json")
            {
                await ReadJsonAsync(body, series, linked.Token).ConfigureAwait(false);
            }
            else
            {
                var result = await parser.ParseAsync(body, format == "openmetrics" ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.PrometheusText004, series, linked.Token).ConfigureAwait(false);
                badLines = result.ErrorCount;
                firstBadLine = result.Errors.Count > 0 ? result.Errors[0].ToString() : null;
                if (result.Samples == 0 && badLines > 0)
                {
                    throw new ScrapeException(ScrapeOutcome.InvalidPayload, $"no valid sample in {badLines} bad lines; first: {firstBadLine}");
                }
            }

            series.Commit();
            return new ScrapeReport(ScrapeOutcome.Success, null, format, series.Samples, badLines, firstBadLine, series.Refused, series.FirstRefusal, _time.GetElapsedTime(start));
        }
        catch (Exception ex) when (Classify(ex, timeout, cancellationToken) is { } failure)
        {
            series.Abort();
            return new ScrapeReport(failure.Outcome, failure.Message, format, 0, 0, null, 0, null, _time.GetElapsedTime(start));
        }
    }

    /// <summary>Probes a health endpoint: a 2xx answer within the timeout is healthy.</summary>
    public async Task<ScrapeReport> ProbeAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await SendAsync(endpoint, "*/*", linked.Token).ConfigureAwait(false);
            return new ScrapeReport(ScrapeOutcome.Success, null, null, 0, 0, null, 0, null, _time.GetElapsedTime(start));
        }
        catch (Exception ex) when (Classify(ex, timeout, cancellationToken) is { } failure)
        {
            return new ScrapeReport(failure.Outcome, failure.Message, null, 0, 0, null, 0, null, _time.GetElapsedTime(start));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string accept, CancellationToken cancellationToken)
    {
        var client = _clients.CreateClient(HttpClientName);
        for (var redirects = 0; ; redirects++)
        {
            if (_policy.Check(url) is { } denied)
            {
                throw new ScrapeException(ScrapeOutcome.UrlNotAllowed, redirects == 0 ? denied : $"redirect {redirects}: {denied}");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (redirects == _options.MaxRedirects)
                {
                    throw new ScrapeException(ScrapeOutcome.UrlNotAllowed, $"more than {_options.MaxRedirects} redirects (AgentCollectionOptions.MaxRedirects)");
                }

                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                continue;
            }

            if (status is < 200 or >= 300)
            {
                var reason = response.ReasonPhrase;
                response.Dispose();
                throw new ScrapeException(ScrapeOutcome.HttpError, $"HTTP {status} {reason}");
            }

            return response;
        }
    }

    private async Task<Stream> OpenBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } length && length > _options.MaxBodyBytes)
        {
            throw new ScrapeException(ScrapeOutcome.BodyTooLarge, $"the body is {length} bytes; at most {_options.MaxBodyBytes} are read (AgentCollectionOptions.MaxBodyBytes)");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new LimitedReadStream(stream, _options.MaxBodyBytes);
    }

    private static async Task ReadJsonAsync(Stream body, TargetSeries series, CancellationToken cancellationToken)
    {
        var parsed = await JsonSerializer.DeserializeAsync(body, CollectionJsonContext.Default.JsonMetricsBody, cancellationToken).ConfigureAwait(false);
        if (parsed?.Metrics is not { } metrics)
        {
            throw new ScrapeException(ScrapeOutcome.InvalidPayload, "the JSON body has no 'metrics' array");
        }

        for (var i = 0; i < metrics.Count; i++)
        {
            series.OnJsonMetric(metrics[i], i);
        }
    }

    /// <summary>The format of a response: OpenMetrics, the text format (also when no Content-Type is given, as Prometheus falls back), or JSON.</summary>
    private static string FormatOf(MediaTypeHeaderValue? contentType) => contentType?.MediaType?.ToUpperInvariant() switch
    {
        null or "TEXT/PLAIN" => "text",
        "APPLICATION/OPENMETRICS-TEXT" => "openmetrics",
        "APPLICATION/JSON" => "json",
        _ => throw new ScrapeException(ScrapeOutcome.UnsupportedContentType, $"the Content-Type '{contentType}' is none of application/openmetrics-text, text/plain and application/json"),
    };

    private (ScrapeOutcome Outcome, string Message)? Classify(Exception ex, CancellationTokenSource timeout, CancellationToken stopping) => ex switch
    {
        ScrapeException scrape => (scrape.Outcome, scrape.Message),
        OperationCanceledException when timeout.IsCancellationRequested && !stopping.IsCancellationRequested =>
            (ScrapeOutcome.Timeout, $"no complete response within {_options.RequestTimeout} (AgentCollectionOptions.RequestTimeout)"),
        HttpRequestException or IOException => (ScrapeOutcome.ConnectionFailed, Describe(ex)),
        ExpositionFormatException => (ScrapeOutcome.InvalidPayload, ex.Message),
        JsonException => (ScrapeOutcome.InvalidPayload, "invalid JSON: " + ex.Message),
        _ => null,
    };

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{ex.Message} ({inner.Message})" : ex.Message;
}
