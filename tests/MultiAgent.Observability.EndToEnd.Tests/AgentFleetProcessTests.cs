using System.Reflection;
using System.Text.Json;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary><c>AgentFleet --duration 20 --json</c> run as a process, as CI runs it.</summary>
public sealed class AgentFleetProcessTests
{
    private static readonly string[] FleetAgents =
    [
        "planner", "researcher-1", "researcher-2", "researcher-3", "tool-search", "tool-fetch", "tool-code",
        "summarizer", "writer", "reviewer", "remote-translator", "remote-guardrail",
    ];

    [Fact]
    public void AgentFleet_TwentySecondJsonRun_FiresAndResolvesAlertsReportsEveryAgentAndAccountsForEverySample()
    {
        var dll = typeof(AgentFleetProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AgentFleetPath").Value!;
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var work = Directory.CreateTempSubdirectory("mao-e2e-fleet-").FullName;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

        var (exitCode, output) = RunFleet(dotnet, dll, work);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
        using var json = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var root = json.RootElement;

        // At least one alert fired and resolved during the run.
        var alerts = root.GetProperty("alerts");
        Assert.True(alerts.GetProperty("fired").GetInt32() >= 1, alerts.ToString());
        Assert.True(alerts.GetProperty("resolved").GetInt32() >= 1, alerts.ToString());
        Assert.Contains(alerts.GetProperty("history").EnumerateArray(), a => a.TryGetProperty("resolvedAt", out _));

        // Every agent of the fleet is in the health report (and in the agent list).
        var reported = root.GetProperty("healthReport").GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()).ToHashSet();
        Assert.All(FleetAgents, id => Assert.Contains(id, reported));
        Assert.Equal(FleetAgents.Order(StringComparer.Ordinal), root.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));

        // The pipeline accounts for every sample after the drain.
        var pipeline = root.GetProperty("pipeline");
        var accepted = pipeline.GetProperty("accepted").GetInt64();
        Assert.True(accepted > 1_000, pipeline.ToString());
        Assert.Equal(accepted, pipeline.GetProperty("aggregated").GetInt64() + pipeline.GetProperty("dropped").GetInt64());

        // The deployment bundle and the rule file are written to --out.
        Assert.True(File.Exists(Path.Combine(work, "out", "deploy", "kustomization.yaml")));
        var rules = Path.Combine(work, "out", "agentfleet.rules.yaml");
        Assert.Contains("alert: AgentLatencyHigh", File.ReadAllText(rules), StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) RunFleet(string dotnet, string dll, string work)
    {
        var start = new System.Diagnostics.ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        foreach (var argument in new[] { dll, "--duration", "20", "--json", "--out", Path.Combine(work, "out") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("AgentFleet did not finish within 90 s: " + stderr.Result);
        }

        return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
    }
}
