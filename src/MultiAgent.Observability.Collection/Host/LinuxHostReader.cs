using System.Globalization;

namespace MultiAgent.Observability.Collection;

/// <summary>
/// Reads host counters from <c>/proc</c> and the process's cgroup v2 limits. Every read returns null when its file is
/// missing, unreadable or malformed (another OS, no container), so what is not available is absent, never zero.
/// </summary>
internal sealed class LinuxHostReader(string procRoot = "/proc", string cgroupRoot = "/sys/fs/cgroup")
{
    /// <summary>Busy and total CPU time of the host since boot, in clock ticks (first line of <c>/proc/stat</c>).</summary>
    public (long Busy, long Total)? ReadCpu()
    {
        var line = ReadLines(Path.Combine(procRoot, "stat"))?.FirstOrDefault(static l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0;
        long idle = 0;

        // user nice system idle iowait irq softirq steal; guest time is already inside user.
        for (var i = 1; i < Math.Min(fields.Length, 9); i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return null;
            }

            total += ticks;
            idle += i is 4 or 5 ? ticks : 0;
        }

        return fields.Length >= 5 ? (total - idle, total) : null;
    }

    /// <summary>Total and available host memory in bytes (<c>MemTotal</c>, <c>MemAvailable</c> of <c>/proc/meminfo</c>).</summary>
    public (long Total, long Available)? ReadMemory()
    {
        long? total = null;
        long? available = null;
        foreach (var line in ReadLines(Path.Combine(procRoot, "meminfo")) ?? [])
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = ParseKiB(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = ParseKiB(line);
            }
        }

        return total is > 0 && available is { } a ? (total.Value, a) : null;
    }

    /// <summary>Bytes received and sent since boot over every interface but loopback (<c>/proc/net/dev</c>).</summary>
    public (long Received, long Transmitted)? ReadNetwork()
    {
        var lines = ReadLines(Path.Combine(procRoot, "net", "dev"));
        if (lines is null)
        {
            return null;
        }

        long received = 0;
        long transmitted = 0;
        var any = false;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() == "lo")
            {
                continue;
            }

            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9
                || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rx)
                || !long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var tx))
            {
                continue;
            }

            received += rx;
            transmitted += tx;
            any = true;
        }

        return any ? (received, transmitted) : null;
    }

    /// <summary>The process's cgroup v2 CPU limit in cores and usage in microseconds, memory limit and usage in bytes; each null when absent or unlimited.</summary>
    public CgroupReading? ReadCgroup()
    {
        var directory = CgroupDirectory();
        if (directory is null)
        {
            return null;
        }

        double? cpuLimit = null;
        var cpuMax = ReadText(Path.Combine(directory, "cpu.max"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (cpuMax is { Length: 2 } && cpuMax[0] != "max"
            && long.TryParse(cpuMax[0], NumberStyles.None, CultureInfo.InvariantCulture, out var quota)
            && long.TryParse(cpuMax[1], NumberStyles.None, CultureInfo.InvariantCulture, out var period) && period > 0)
        {
            cpuLimit = (double)quota / period;
        }

        long? usage = null;
        foreach (var line in ReadLines(Path.Combine(directory, "cpu.stat")) ?? [])
        {
            if (line.StartsWith("usage_usec ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(11), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds))
            {
                usage = microseconds;
            }
        }

        var memoryMax = ReadText(Path.Combine(directory, "memory.max"));
        long? memoryLimit = memoryMax is not null && memoryMax != "max" && long.TryParse(memoryMax, NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : null;
        long? memoryCurrent = long.TryParse(ReadText(Path.Combine(directory, "memory.current")), NumberStyles.None, CultureInfo.InvariantCulture, out var current) ? current : null;
        return new CgroupReading(cpuLimit, usage, memoryLimit, memoryCurrent);
    }

    /// <summary>The process's cgroup v2 directory from the <c>0::/path</c> line of <c>/proc/self/cgroup</c>.</summary>
    private string? CgroupDirectory()
    {
        var line = ReadLines(Path.Combine(procRoot, "self", "cgroup"))?.FirstOrDefault(static l => l.StartsWith("0::", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var relative = line[3..].Trim().TrimStart('/');
        var directory = Path.GetFullPath(Path.Combine(cgroupRoot, relative));
        return directory.StartsWith(Path.GetFullPath(cgroupRoot), StringComparison.Ordinal) && Directory.Exists(directory) ? directory : null;
    }

    private static long? ParseKiB(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }

    private static string[]? ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>What cgroup v2 says about the process's container; each part null when absent or unlimited.</summary>
internal readonly record struct CgroupReading(double? CpuLimitCores, long? CpuUsageMicroseconds, long? MemoryLimitBytes, long? MemoryCurrentBytes);
