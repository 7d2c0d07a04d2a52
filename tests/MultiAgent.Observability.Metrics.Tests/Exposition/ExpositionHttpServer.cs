using System.Collections.Concurrent;
using System.Net;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

/// <summary>
/// Serves a pipeline's exposition on 127.0.0.1 for a real Prometheus to scrape: <c>/metrics</c> negotiates
/// OpenMetrics from the Accept header as a real exporter would, <c>/text</c> always serves the 0.0.4 text format.
/// </summary>
internal sealed class ExpositionHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IMetricReader _reader;
    private readonly Task _loop;

    public ExpositionHttpServer(IMetricReader reader, int port)
    {
        _reader = reader;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Gets the formats served so far, by path.</summary>
    public ConcurrentQueue<(string Path, ExpositionFormat Format)> Served { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                var path = context.Request.Url!.AbsolutePath;
                var format = path == "/metrics"
                    ? PrometheusExpositionWriter.SelectFormat(context.Request.Headers["Accept"])
                    : ExpositionFormat.PrometheusText004;
                context.Response.ContentType = PrometheusExpositionWriter.GetContentType(format);
                await _reader.FlushAsync();
                await PrometheusExpositionWriter.WriteAsync(_reader, context.Response.OutputStream, format);
                Served.Enqueue((path, format));
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The scraper went away mid-response; it will scrape again.
            }
            finally
            {
                context.Response.Close();
            }
        }
    }
}
