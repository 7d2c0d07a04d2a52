using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using MultiAgent.Observability.Alerting.Evaluation;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>
/// Delivers alert updates to Alertmanager's <c>POST /api/v2/alerts</c> in batches from a bounded queue (oldest dropped
/// and counted). Retries on 5xx and network errors come from the resilience handler of the named HTTP client
/// (<see cref="HttpClientName"/>); a 4xx is logged and not retried; an answer that is not Alertmanager's is logged and counted.
/// </summary>
internal sealed class AlertmanagerClient
{
    /// <summary>The name of the <see cref="HttpClient"/> (with its resilience handler) used for Alertmanager.</summary>
    public const string HttpClientName = "MultiAgent.Observability.Alertmanager";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly AlertmanagerOptions _options;
    private readonly Uri? _externalUrl;
    private readonly AlertingCounters _counters;
    private readonly ILogger _logger;
    private readonly BoundedQueue<Alert> _queue;
    private readonly Uri _endpoint;
    private Task _loop = Task.CompletedTask;

    public AlertmanagerClient(IHttpClientFactory httpClientFactory, AlertmanagerOptions options, Uri? externalUrl, AlertingCounters counters, ILogger logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _externalUrl = externalUrl;
        _counters = counters;
        _logger = logger;
        _queue = new BoundedQueue<Alert>("Alertmanager", options.QueueCapacity, counters, logger);
        _endpoint = new Uri(new Uri(options.Url!.ToString().TrimEnd('/') + "/"), "api/v2/alerts");
    }

    public void Enqueue(Alert alert) => _queue.Enqueue(alert);

    public void Start(CancellationToken stopping) => _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts one batch; returns whether Alertmanager accepted it.</summary>
    public async Task<bool> PostAsync(IReadOnlyList<Alert> batch, CancellationToken cancellationToken)
    {
        var payload = new List<PostableAlert>(batch.Count);
        foreach (var alert in batch)
        {
            payload.Add(PostableAlert.From(alert, _externalUrl));
        }

        try
        {
            using var client = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(_endpoint, payload, AlertmanagerJsonContext.Default.ListPostableAlert, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                // Alertmanager answers an accepted POST with an empty body; anything else is not Alertmanager.
                if (body.Trim() is not ("" or "{}" or "null"))
                {
                    Interlocked.Increment(ref _counters.AlertmanagerFailures);
                    Log.AlertmanagerGarbage(_logger, _endpoint, response.StatusCode, Truncate(body));
                    return false;
                }

                Interlocked.Add(ref _counters.AlertmanagerDelivered, batch.Count);
                return true;
            }

            Interlocked.Increment(ref _counters.AlertmanagerFailures);
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                Log.AlertmanagerRejected(_logger, _endpoint, batch.Count, response.StatusCode, Truncate(body));
            }
            else
            {
                Log.AlertmanagerFailed(_logger, null, _endpoint, batch.Count);
            }

            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Network errors and timeouts (after the resilience handler's retries), or anything unexpected: never the loop's end.
            Interlocked.Increment(ref _counters.AlertmanagerFailures);
            Log.AlertmanagerFailed(_logger, e, _endpoint, batch.Count);
            return false;
        }
    }

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "…";

    private async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<Alert>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var alert))
                {
                    batch.Add(alert);
                }

                await PostAsync(batch, stopping).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
