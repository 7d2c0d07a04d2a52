using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.AspNetCore.Tests;

public sealed class OverloadTests
{
    /// <summary>How many samples each producer offers at most; far more than the pipeline's small buffer holds.</summary>
    private const int MaxSamplesPerProducer = 20_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PipelineFloodedWithDropNewest_EndpointsKeepAnswering()
    {
        await using var host = await MonitoringHost.StartAsync((_, monitoring) => monitoring.AddAgentMetrics(static o =>
        {
            o.Capacity = 1_024;
            o.BatchSize = 64;
            o.FullBufferPolicy = FullBufferPolicy.DropNewest;
        }));
        var recorder = host.Services.GetRequiredService<IMetricRecorder>();
        var reader = host.Services.GetRequiredService<IMetricReader>();
        using var stop = new CancellationTokenSource();
        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
        {
            var series = recorder.GetSeries("flood-" + p, "flood_total", MetricKind.Counter);
            for (var i = 0; i < MaxSamplesPerProducer && !stop.IsCancellationRequested; i++)
            {
                recorder.Add(series, 1);
            }
        })).ToArray();

        try
        {
            var dropping = SpinWait.SpinUntil(() => reader.GetStatistics().Dropped > 0 || producers.All(t => t.IsCompleted), TimeSpan.FromMinutes(1));
            Assert.True(dropping && reader.GetStatistics().Dropped > 0, "the flood never filled the pipeline");

            for (var round = 0; round < 3; round++)
            {
                foreach (var path in new[] { "metrics", "healthz", "readyz", "dashboard" })
                {
                    using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(producers);
        }

        await reader.FlushAsync(Ct);
        var statistics = reader.GetStatistics();
        Assert.Equal(statistics.Accepted, statistics.Aggregated + statistics.Dropped);
    }
}
