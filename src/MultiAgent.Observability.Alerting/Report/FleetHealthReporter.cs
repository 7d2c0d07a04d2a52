using System.Globalization;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting;

/// <summary>
/// Builds <see cref="FleetHealthReport"/>. The health score is computed as below, each step recorded as a deduction:
/// start at 100; average CPU above 80% −30, else above 60% −15; average memory above 85% −25, else above 70% −10;
/// a registered agent that is not active −50; −10 per firing alert about the agent; clamped to 0..100.
/// Recommendations: score below 70, average CPU above 70%, average memory above 80%, and more than 30% of agents below 70.
/// </summary>
internal sealed class FleetHealthReporter(
    IRuleSeriesSource source,
    IAlertEngine engine,
    TimeProvider timeProvider,
    IOptions<AlertingOptions> options,
    IAgentRegistry? registry = null) : IFleetHealthReporter
{
    private const double UnhealthyScore = 70;

    public FleetHealthReport Generate(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        var endMs = now.ToUnixTimeMilliseconds();
        var startMs = endMs - (long)window.TotalMilliseconds;
        var midMs = startMs + ((endMs - startMs) / 2);
        var settings = options.Value.Report;

        var agents = new SortedDictionary<string, Usage>(StringComparer.Ordinal);
        var fleetCpu = new Usage();
        var fleetMemory = new Usage();
        var capacity = Math.Max(1, source.RecentCapacity);
        var times = new long[capacity];
        var values = new double[capacity];
        for (var i = 0; i < source.SeriesCount; i++)
        {
            var info = source.GetInfo(i);
            var isCpu = info.Name == settings.CpuMetric;
            if (info.Kind != MetricKind.Gauge || (!isCpu && info.Name != settings.MemoryMetric))
            {
                continue;
            }

            if (!agents.TryGetValue(info.AgentId, out var usage))
            {
                agents[info.AgentId] = usage = new Usage();
            }

            var n = source.ReadRecent(i, startMs, endMs, times, values);
            for (var j = 0; j < n; j++)
            {
                var percent = values[j] * 100;
                if (double.IsFinite(percent))
                {
                    (isCpu ? usage.Cpu : usage.Memory).Add(percent, times[j] > midMs);
                    (isCpu ? fleetCpu.Cpu : fleetMemory.Memory).Add(percent, times[j] > midMs);
                }
            }
        }

        var statuses = new Dictionary<string, AgentStatus>(StringComparer.Ordinal);
        foreach (var agent in registry?.GetAll() ?? [])
        {
            var id = agent.Info.Id.ToString();
            statuses[id] = agent.Status;
            if (!agents.ContainsKey(id))
            {
                agents[id] = new Usage();
            }
        }

        var firing = new List<Alert>();
        foreach (var alert in engine.GetAlerts())
        {
            if (alert.State == AlertState.Firing)
            {
                firing.Add(alert);
            }
        }

        var reports = new List<AgentHealthReport>(agents.Count);
        var recommendations = new List<string>();
        foreach (var (id, usage) in agents)
        {
            var status = statuses.TryGetValue(id, out var s) ? s : (AgentStatus?)null;
            var alerts = firing.Count(a => a.AgentId == id);
            var deductions = Deductions(usage, status, alerts);
            var score = Math.Clamp(100 - deductions.Sum(static d => d.Points), 0, 100);
            var report = new AgentHealthReport
            {
                AgentId = id,
                Status = status,
                Samples = usage.Cpu.Count + usage.Memory.Count,
                AverageCpuPercent = usage.Cpu.Average,
                MaxCpuPercent = usage.Cpu.Max,
                AverageMemoryPercent = usage.Memory.Average,
                MaxMemoryPercent = usage.Memory.Max,
                FiringAlerts = alerts,
                HealthScore = score,
                Deductions = deductions,
            };
            reports.Add(report);
            Recommend(report, recommendations);
        }

        var unhealthy = reports.Count(static r => r.HealthScore < UnhealthyScore);
        if (unhealthy > reports.Count * 0.3)
        {
            recommendations.Add("More than 30% of agents are unhealthy, investigate system-wide issues");
        }

        return new FleetHealthReport
        {
            GeneratedAt = now,
            Window = window,
            Agents = reports,
            Trends = new FleetTrends
            {
                Samples = fleetCpu.Cpu.Count + fleetMemory.Memory.Count,
                AverageCpuPercent = fleetCpu.Cpu.Average,
                AverageMemoryPercent = fleetMemory.Memory.Average,
                CpuChangePoints = fleetCpu.Cpu.Change,
                MemoryChangePoints = fleetMemory.Memory.Change,
                UnhealthyAgents = unhealthy,
            },
            Alerts = new AlertCounts
            {
                Total = firing.Count,
                Info = firing.Count(static a => a.Severity == Severity.Info),
                Warning = firing.Count(static a => a.Severity == Severity.Warning),
                Critical = firing.Count(static a => a.Severity == Severity.Critical),
                Emergency = firing.Count(static a => a.Severity == Severity.Emergency),
            },
            Recommendations = recommendations,
        };
    }

    private static List<HealthDeduction> Deductions(Usage usage, AgentStatus? status, int alerts)
    {
        var deductions = new List<HealthDeduction>();
        if (usage.Cpu.Average is { } cpu)
        {
            if (cpu > 80)
            {
                deductions.Add(new HealthDeduction { Points = 30, Reason = $"average CPU {F(cpu)}% > 80%" });
            }
            else if (cpu > 60)
            {
                deductions.Add(new HealthDeduction { Points = 15, Reason = $"average CPU {F(cpu)}% > 60%" });
            }
        }

        if (usage.Memory.Average is { } memory)
        {
            if (memory > 85)
            {
                deductions.Add(new HealthDeduction { Points = 25, Reason = $"average memory {F(memory)}% > 85%" });
            }
            else if (memory > 70)
            {
                deductions.Add(new HealthDeduction { Points = 10, Reason = $"average memory {F(memory)}% > 70%" });
            }
        }

        if (status is { } s && s != AgentStatus.Active)
        {
            deductions.Add(new HealthDeduction { Points = 50, Reason = $"status is {s}" });
        }

        if (alerts > 0)
        {
            deductions.Add(new HealthDeduction { Points = 10 * alerts, Reason = $"{alerts} firing alert(s), 10 each" });
        }

        return deductions;
    }

    private static void Recommend(AgentHealthReport report, List<string> recommendations)
    {
        if (report.HealthScore < UnhealthyScore)
        {
            recommendations.Add($"Agent {report.AgentId} has low health score ({F(report.HealthScore)}), investigate resource usage");
        }

        if (report.AverageCpuPercent > 70)
        {
            recommendations.Add($"Agent {report.AgentId} showing high CPU usage ({F(report.AverageCpuPercent.Value)}%), consider scaling");
        }

        if (report.AverageMemoryPercent > 80)
        {
            recommendations.Add($"Agent {report.AgentId} showing high memory usage ({F(report.AverageMemoryPercent.Value)}%), check for memory leaks");
        }
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private sealed class Usage
    {
        public Stats Cpu { get; } = new();

        public Stats Memory { get; } = new();
    }

    private sealed class Stats
    {
        private double _sum;
        private double _firstSum;
        private double _secondSum;
        private int _first;
        private int _second;

        public int Count { get; private set; }

        public double? Max { get; private set; }

        public double? Average => Count == 0 ? null : _sum / Count;

        /// <summary>Gets the average of the window's second half minus that of its first half, when both have samples.</summary>
        public double? Change => _first == 0 || _second == 0 ? null : (_secondSum / _second) - (_firstSum / _first);

        public void Add(double value, bool secondHalf)
        {
            Count++;
            _sum += value;
            Max = Max is { } max ? Math.Max(max, value) : value;
            if (secondHalf)
            {
                _second++;
                _secondSum += value;
            }
            else
            {
                _first++;
                _firstSum += value;
            }
        }
    }
}
