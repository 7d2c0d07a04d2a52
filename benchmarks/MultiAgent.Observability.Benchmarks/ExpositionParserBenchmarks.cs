using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// Parsing a captured node-exporter 1.5 payload (57 KB, 283 families) and a synthetic 10,000-series payload
/// (100 families: counters, gauges and histograms, two labels each). The baseline is the least a string-based parser
/// does: decode the payload to a string and split it into lines. "Known series" maps every sample to a cached
/// handle by its raw identity bytes, as the collector does on every scrape after the first.
/// </summary>
[MemoryDiagnoser]
public class ExpositionParserBenchmarks
{
    private readonly ExpositionParser _parser = new();
    private readonly CountingSink _counting = new();
    private readonly KnownSeriesSink _known = new();
    private byte[] _nodeExporter = [];
    private byte[] _synthetic = [];

    [GlobalSetup]
    public void Setup()
    {
        _nodeExporter = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "node-exporter-1.5.txt"));
        _synthetic = Synthetic();
        _parser.Parse(_synthetic, ExpositionFormat.PrometheusText004, _known);
        _parser.Parse(_nodeExporter, ExpositionFormat.PrometheusText004, _known);
    }

    [Benchmark(Baseline = true)]
    public int Synthetic_StringSplitBaseline() => Encoding.UTF8.GetString(_synthetic).Split('\n').Length;

    [Benchmark]
    public int Synthetic_Parse() => _parser.Parse(_synthetic, ExpositionFormat.PrometheusText004, _counting).Samples;

    [Benchmark]
    public int Synthetic_Parse_KnownSeries() => _parser.Parse(_synthetic, ExpositionFormat.PrometheusText004, _known).Samples;

    [Benchmark]
    public async Task<int> Synthetic_ParseAsync_Stream()
    {
        using var stream = new MemoryStream(_synthetic, writable: false);
        return (await _parser.ParseAsync(stream, ExpositionFormat.PrometheusText004, _counting, CancellationToken.None)).Samples;
    }

    [Benchmark]
    public int NodeExporter_StringSplitBaseline() => Encoding.UTF8.GetString(_nodeExporter).Split('\n').Length;

    [Benchmark]
    public int NodeExporter_Parse_KnownSeries() => _parser.Parse(_nodeExporter, ExpositionFormat.PrometheusText004, _known).Samples;

    private static byte[] Synthetic()
    {
        var text = new StringBuilder();
        for (var family = 0; family < 100; family++)
        {
            var name = "synthetic_family_" + family.ToString("D3", CultureInfo.InvariantCulture);
            var type = family < 40 ? "counter" : family < 80 ? "gauge" : "histogram";
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} Synthetic family {family}.\n# TYPE {name} {type}\n");
            if (type == "histogram")
            {
                // 10 series of 8 buckets, _sum and _count: 100 lines.
                for (var series = 0; series < 10; series++)
                {
                    var labels = $"route=\"/api/v1/route/{series}\",model=\"gpt-4o\"";
                    var cumulative = 0;
                    foreach (var le in new[] { "0.005", "0.01", "0.05", "0.1", "0.5", "1", "5", "+Inf" })
                    {
                        cumulative += series + 1;
                        text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{le}\"}} {cumulative}\n");
                    }

                    text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {cumulative * 0.137}\n{name}_count{{{labels}}} {cumulative}\n");
                }

                continue;
            }

            for (var series = 0; series < 100; series++)
            {
                var value = type == "counter" ? (family * 1000) + series : (series * 0.25) - 3.5;
                text.Append(CultureInfo.InvariantCulture, $"{name}{{route=\"/api/v1/route/{series}\",model=\"gpt-4o\"}} {value}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed class CountingSink : IExpositionSink
    {
        public int Samples { get; private set; }

        public void OnFamily(in ExpositionFamily family)
        {
        }

        public void OnSample(in ExpositionSample sample) => Samples++;
    }

    /// <summary>Looks every sample's series up by its raw bytes, as the collector's series cache does.</summary>
    private sealed class KnownSeriesSink : IExpositionSink
    {
        private readonly Utf8KeyedCache<int> _series = new(100_000);

        public double Sum { get; private set; }

        public void OnFamily(in ExpositionFamily family)
        {
        }

        public void OnSample(in ExpositionSample sample)
        {
            if (!_series.TryGetValue(sample.Identity, out var index))
            {
                index = _series.Count;
                _series.TryAdd(sample.Identity, index);
            }

            Sum += index + sample.Value;
        }
    }
}
