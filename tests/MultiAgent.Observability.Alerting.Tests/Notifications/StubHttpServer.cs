using System.Collections.Concurrent;
using System.Net;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Alerting.Tests.Notifications;

/// <summary>A loopback HTTP server answering each request with the next scripted (status, body), recording request bodies.</summary>
internal sealed class StubHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _answers = new();
    private readonly Task _loop;

    public StubHttpServer(params (int Status, string Body)[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }

        var port = Peers.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, string ContentType, string Body)> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        _ = _loop.Exception;
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

            using var reader = new StreamReader(context.Request.InputStream);
            Requests.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? string.Empty, await reader.ReadToEndAsync()));
            var (status, body) = _answers.TryDequeue(out var next) ? next : (200, string.Empty);
            context.Response.StatusCode = status;
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
