using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>The <c>/proc</c> and cgroup v2 readers on files captured from a Linux host and a Kubernetes pod (<c>Data/host</c>), and the ratios computed from them.</summary>
public sealed class HostMetricsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mao-host-" + Guid.NewGuid().ToString("N"));

    public HostMetricsTests() => CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Data", "host"), _root);

    private string Proc => Path.Combine(_root, "proc");

    private string Cgroup => Path.Combine(_root, "cgroup");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Read_CapturedFiles_GivesHostCountersAndContainerLimits()
    {
        var reader = new LinuxHostReader(Proc, Cgroup);

        // cpu  595443 0 60292 53458 1028 0 215 1339: idle and iowait are not busy.
        Assert.Equal((595443L + 60292 + 215 + 1339, 595443L + 60292 + 53458 + 1028 + 215 + 1339), reader.ReadCpu());
        Assert.Equal((24684096L * 1024, 23256420L * 1024), reader.ReadMemory());
        Assert.Equal((303783333L, 490782L), reader.ReadNetwork());
        Assert.Equal(new CgroupReading(0.5, 120_000_000, 536_870_912, 268_435_456), reader.ReadCgroup());
    }

    [Fact]
    public void Read_MissingOrUnreadableFiles_IsAbsentNotZero()
    {
        File.Delete(Path.Combine(Proc, "stat"));
        File.Delete(Path.Combine(Proc, "meminfo"));
        Directory.CreateDirectory(Path.Combine(Proc, "meminfo"));
        File.WriteAllText(Path.Combine(Proc, "net", "dev"), "garbage without interfaces\n");
        var reader = new LinuxHostReader(Proc, Cgroup);

        Assert.Null(reader.ReadCpu());
        Assert.Null(reader.ReadMemory());
        Assert.Null(reader.ReadNetwork());
        Assert.Null(new LinuxHostReader(Path.Combine(_root, "nowhere"), Cgroup).ReadCgroup());
    }

    [Fact]
    public void ReadCgroup_NoLimits_GivesNullLimits()
    {
        var pod = Path.Combine(Cgroup, "kubepods", "pod1");
        File.WriteAllText(Path.Combine(pod, "cpu.max"), "max 100000\n");
        File.WriteAllText(Path.Combine(pod, "memory.max"), "max\n");

        var reading = new LinuxHostReader(Proc, Cgroup).ReadCgroup();

        Assert.Equal(new CgroupReading(null, 120_000_000, null, 268_435_456), reading);
    }

    [Fact]
    public void ReadCgroup_PathEscapingTheCgroupRoot_IsIgnored()
    {
        File.WriteAllText(Path.Combine(Proc, "self", "cgroup"), "0::/../../etc\n");

        Assert.Null(new LinuxHostReader(Proc, Cgroup).ReadCgroup());
    }

    [Fact]
    public async Task Sample_TwoReadings_RecordsUtilisationRatiosAndNetworkCounters()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddMultiAgentMonitoring().AddAgentMetrics();
        await using var provider = services.BuildServiceProvider();
        var recorder = provider.GetRequiredService<IMetricRecorder>();
        var reader = provider.GetRequiredService<IMetricReader>();
        var processCpu = TimeSpan.FromSeconds(10);
        var sampler = new HostMetricsSampler(recorder, new LinuxHostReader(Proc, Cgroup), time, "host", () => processCpu, () => 134_217_728);

        sampler.Sample();
        time.Advance(TimeSpan.FromSeconds(10));
        processCpu += TimeSpan.FromSeconds(2);
        File.WriteAllText(Path.Combine(Proc, "stat"), "cpu  595543 0 60292 53758 1028 0 215 1339 0 0\n");
        File.WriteAllText(Path.Combine(Cgroup, "kubepods", "pod1", "cpu.stat"), "usage_usec 123000000\n");
        sampler.Sample();
        await reader.FlushAsync(TestContext.Current.CancellationToken);

        // Host: 100 busy of 400 ticks. Process: 2 s of CPU in 10 s against a 0.5-core limit. Container: 3 s in 10 s of 0.5 core.
        Assert.Equal(0.25, Gauge(reader, HostMetricNames.SystemCpuUtilization), 9);
        Assert.Equal(1 - (23256420.0 / 24684096), Gauge(reader, HostMetricNames.SystemMemoryUtilization), 9);
        Assert.Equal(0.4, Gauge(reader, HostMetricNames.ProcessCpuUtilization), 9);
        Assert.Equal(0.25, Gauge(reader, HostMetricNames.ProcessMemoryUtilization), 9);
        Assert.Equal(0.6, Gauge(reader, HostMetricNames.ContainerCpuLimitUtilization), 9);
        Assert.Equal(0.5, Gauge(reader, HostMetricNames.ContainerMemoryLimitUtilization), 9);
        var network = reader.ListSeries().Where(s => s.Name == HostMetricNames.SystemNetworkIo).ToList();
        Assert.All(network, s => Assert.Equal(MetricKind.Counter, s.Kind));
        var received = network.Single(s => s.Labels.Contains(new(HostMetricNames.NetworkDirectionLabel, "receive")));
        Assert.Equal(303783333, Assert.IsType<CounterAggregate>(reader.GetAggregate(received.Series)).Value);
    }

    private static double Gauge(IMetricReader reader, string name) =>
        Assert.IsType<GaugeAggregate>(reader.GetAggregate(reader.ListSeries().Single(s => s.Name == name && s.AgentId == "host").Series)).Last;

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
        }
    }
}
