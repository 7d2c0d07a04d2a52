using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection;

/// <summary>
/// Turns host, container and process readings into the <see cref="HostMetricNames"/> series: utilisation ratios from
/// the difference between two readings (so the first reading records only what needs no difference), cumulative
/// network counters as they are.
/// </summary>
internal sealed class HostMetricsSampler
{
    private readonly IMetricRecorder _recorder;
    private readonly LinuxHostReader _reader;
    private readonly TimeProvider _time;
    private readonly string _agentId;
    private readonly Func<TimeSpan> _processCpu;
    private readonly Func<long> _workingSet;
    private (long Busy, long Total)? _lastCpu;
    private long? _lastContainerUsage;
    private TimeSpan _lastProcessCpu;
    private long _lastTimestamp;

    public HostMetricsSampler(IMetricRecorder recorder, LinuxHostReader reader, TimeProvider time, string agentId, Func<TimeSpan>? processCpu = null, Func<long>? workingSet = null)
    {
        _recorder = recorder;
        _reader = reader;
        _time = time;
        _agentId = agentId;
        _processCpu = processCpu ?? (static () => Environment.CpuUsage.TotalTime);
        _workingSet = workingSet ?? (static () => Environment.WorkingSet);
    }

    public void Sample()
    {
        var now = _time.GetTimestamp();
        var elapsed = _lastTimestamp == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_lastTimestamp, now);
        var cgroup = _reader.ReadCgroup();
        var memory = _reader.ReadMemory();

        if (_reader.ReadCpu() is { } cpu)
        {
            if (_lastCpu is { } last && cpu.Total > last.Total)
            {
                Gauge(HostMetricNames.SystemCpuUtilization, Ratio(cpu.Busy - last.Busy, cpu.Total - last.Total));
            }

            _lastCpu = cpu;
        }

        if (memory is { } mem)
        {
            Gauge(HostMetricNames.SystemMemoryUtilization, Ratio(mem.Total - mem.Available, mem.Total));
        }

        if (_reader.ReadNetwork() is { } network)
        {
            Counter(HostMetricNames.SystemNetworkIo, network.Received, "receive");
            Counter(HostMetricNames.SystemNetworkIo, network.Transmitted, "transmit");
        }

        var cores = cgroup?.CpuLimitCores ?? Environment.ProcessorCount;
        var processCpu = _processCpu();
        if (elapsed > TimeSpan.Zero)
        {
            Gauge(HostMetricNames.ProcessCpuUtilization, Ratio((processCpu - _lastProcessCpu).TotalSeconds, elapsed.TotalSeconds * cores));
            if (cgroup is { CpuLimitCores: { } limit, CpuUsageMicroseconds: { } usage } && _lastContainerUsage is { } lastUsage)
            {
                Gauge(HostMetricNames.ContainerCpuLimitUtilization, Ratio((usage - lastUsage) / 1e6, elapsed.TotalSeconds * limit));
            }
        }

        var memoryLimit = cgroup?.MemoryLimitBytes ?? memory?.Total;
        if (memoryLimit is > 0)
        {
            Gauge(HostMetricNames.ProcessMemoryUtilization, Ratio(_workingSet(), memoryLimit.Value));
        }

        if (cgroup is { MemoryLimitBytes: > 0 and var memoryMax, MemoryCurrentBytes: { } current })
        {
            Gauge(HostMetricNames.ContainerMemoryLimitUtilization, Ratio(current, memoryMax));
        }

        _lastContainerUsage = cgroup?.CpuUsageMicroseconds;
        _lastProcessCpu = processCpu;
        _lastTimestamp = now;
    }

    private static double Ratio(double part, double whole) => whole > 0 ? Math.Clamp(part / whole, 0, 1) : 0;

    private void Gauge(string name, double value) => _recorder.Record(_agentId, name, MetricKind.Gauge, value);

    private void Counter(string name, long value, string direction) =>
        _recorder.Record(_agentId, name, MetricKind.Counter, value, new KeyValuePair<string, string>(HostMetricNames.NetworkDirectionLabel, direction));
}
