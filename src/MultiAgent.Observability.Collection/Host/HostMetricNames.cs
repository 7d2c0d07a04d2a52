namespace MultiAgent.Observability.Collection;

/// <summary>
/// The names host and process metrics are recorded under: the OpenTelemetry system, process and container semantic
/// conventions in Prometheus form (dots to underscores, unit <c>1</c> as <c>_ratio</c>, counters with <c>_total</c>).
/// </summary>
public static class HostMetricNames
{
    /// <summary>The built-in .NET runtime meter bridged by collection (<c>dotnet.process.cpu.time</c>, <c>dotnet.process.memory.working_set</c>, GC, JIT, thread pool).</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>Host CPU busy share over the last interval, 0..1 (<c>system.cpu.utilization</c>); from <c>/proc/stat</c>.</summary>
    public const string SystemCpuUtilization = "system_cpu_utilization_ratio";

    /// <summary>Host memory in use, 0..1: 1 − MemAvailable / MemTotal (<c>system.memory.utilization</c>); from <c>/proc/meminfo</c>.</summary>
    public const string SystemMemoryUtilization = "system_memory_utilization_ratio";

    /// <summary>Host network bytes since boot, all interfaces but loopback, by <see cref="NetworkDirectionLabel"/> (<c>system.network.io</c>); from <c>/proc/net/dev</c>.</summary>
    public const string SystemNetworkIo = "system_network_io_bytes_total";

    /// <summary>The direction label of <see cref="SystemNetworkIo"/>: <c>receive</c> or <c>transmit</c>.</summary>
    public const string NetworkDirectionLabel = "network_io_direction";

    /// <summary>This process's CPU share over the last interval, 0..1, of the container's CPU limit when there is one, else of all host CPUs (<c>process.cpu.utilization</c>).</summary>
    public const string ProcessCpuUtilization = "process_cpu_utilization_ratio";

    /// <summary>This process's working set as a share, 0..1, of the container's memory limit when there is one, else of host memory.</summary>
    public const string ProcessMemoryUtilization = "process_memory_utilization_ratio";

    /// <summary>The container's CPU use over the last interval as a share of its cgroup v2 CPU limit, 0..1 (<c>container.cpu.limit.utilization</c>); absent without a limit.</summary>
    public const string ContainerCpuLimitUtilization = "container_cpu_limit_utilization_ratio";

    /// <summary>The container's memory use as a share of its cgroup v2 memory limit, 0..1 (<c>container.memory.limit.utilization</c>); absent without a limit.</summary>
    public const string ContainerMemoryLimitUtilization = "container_memory_limit_utilization_ratio";
}
