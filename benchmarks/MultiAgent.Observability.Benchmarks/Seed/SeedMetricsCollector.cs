namespace MultiAgent.Observability.Benchmarks.Seed;

/// <summary>
/// A faithful port of the original design's <c>DistributedMetricsCollector._process_metric</c>, the baseline the
/// pipeline is measured against. Benchmark-only: it is not, and must not become, library code.
/// </summary>
/// <remarks>
/// Kept as the original does it: a buffer capped at 10,000 that drops the oldest (<c>deque(maxlen=10000)</c>), a
/// list of values per <c>"agent:metric"</c> key trimmed to the last 50 once it passes 100, the key string built
/// anew at each use (twice per sample, twice more when trimming), the trim copying the 50 values into a new list,
/// and the (here empty) alert rules checked per sample. The original ran on one asyncio loop; the lock is what
/// the same code needs to be called from several threads, as the pipeline is.
/// </remarks>
internal sealed class SeedMetricsCollector
{
    public const int BufferSize = 10_000;
    public const int TrimAbove = 100;
    public const int TrimTo = 50;

    private readonly Lock _lock = new();
    private readonly Queue<SeedMetric> _metricsBuffer = new(BufferSize);
    private readonly Dictionary<string, List<double>> _metricAggregations = [];
    private readonly List<Func<SeedMetric, bool>> _alertRules = [];

    public int BufferedCount
    {
        get
        {
            lock (_lock)
            {
                return _metricsBuffer.Count;
            }
        }
    }

    public SeedMetric? Oldest
    {
        get
        {
            lock (_lock)
            {
                return _metricsBuffer.Count == 0 ? null : _metricsBuffer.Peek();
            }
        }
    }

    public double[] GetAggregation(string key)
    {
        lock (_lock)
        {
            return _metricAggregations.TryGetValue(key, out var values) ? [.. values] : [];
        }
    }

    public int KeyCount
    {
        get
        {
            lock (_lock)
            {
                return _metricAggregations.Count;
            }
        }
    }

    public void ProcessMetric(SeedMetric metric)
    {
        lock (_lock)
        {
            // self.metrics_buffer.append(metric) on a deque(maxlen=10000): the oldest falls out.
            if (_metricsBuffer.Count == BufferSize)
            {
                _metricsBuffer.Dequeue();
            }

            _metricsBuffer.Enqueue(metric);

            // self.metric_aggregations[f"{metric.agent_id}:{metric.metric_name}"].append(metric.value) on a defaultdict(list).
            var key = $"{metric.AgentId}:{metric.MetricName}";
            if (!_metricAggregations.TryGetValue(key, out var values))
            {
                values = [];
                _metricAggregations[key] = values;
            }

            values.Add(metric.Value);

            // if len(self.metric_aggregations[f"..."]) > 100: self.metric_aggregations[f"..."] = self.metric_aggregations[f"..."][-50:]
            if (_metricAggregations[$"{metric.AgentId}:{metric.MetricName}"].Count > TrimAbove)
            {
                var all = _metricAggregations[$"{metric.AgentId}:{metric.MetricName}"];
                _metricAggregations[$"{metric.AgentId}:{metric.MetricName}"] = all.GetRange(all.Count - TrimTo, TrimTo);
            }
        }

        // await self._check_alert_rules(metric): no rules are configured, as in a collector nobody set up alerts on.
        foreach (var rule in _alertRules)
        {
            rule(metric);
        }
    }

    /// <summary>Checks the port keeps what the original keeps; throws so a wrong port cannot produce a number.</summary>
    public static void SelfCheck()
    {
        var collector = new SeedMetricsCollector();
        var labels = new Dictionary<string, string> { ["route"] = "check" };
        var processed = 0;
        for (; processed < TrimAbove; processed++)
        {
            collector.ProcessMetric(new SeedMetric("a", "m", SeedMetricType.Counter, processed, labels));
        }

        Expect(collector.GetAggregation("a:m").Length == TrimAbove, "100 values are kept untrimmed");
        collector.ProcessMetric(new SeedMetric("a", "m", SeedMetricType.Counter, processed++, labels));
        var trimmed = collector.GetAggregation("a:m");
        Expect(trimmed.Length == TrimTo && trimmed[0] == 51 && trimmed[^1] == 100, "the 101st value trims the list to the last 50 (51..100)");

        for (; processed < BufferSize + 50; processed++)
        {
            collector.ProcessMetric(new SeedMetric("b", "m", SeedMetricType.Gauge, processed, labels));
        }

        Expect(collector.BufferedCount == BufferSize, "the buffer holds 10,000 metrics");
        Expect(collector.Oldest?.Value == 50, "the buffer dropped the 50 oldest of 10,050");
        Expect(collector.GetAggregation("b:m").Length is > TrimTo and <= TrimAbove, "other keys are trimmed too");
        Expect(collector.KeyCount == 2, "one list per agent:metric key");
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The seed port is not faithful: expected {what}.");
        }
    }
}
