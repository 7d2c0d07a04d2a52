using System.Diagnostics;

namespace MultiAgent.Observability.Testing;

/// <summary>
/// Finds the real external programs some tests talk to (promtool, Prometheus, Alertmanager,
/// node-exporter, the manifest validator). A test that needs one calls <see cref="Require"/>:
/// it skips with the reason when the program is missing, and fails instead when
/// <c>MAO_REQUIRE_PEERS=1</c> (CI sets it), so a missing install can never pass silently.
/// </summary>
internal static class Peers
{
    /// <summary>Whether missing peers fail the test instead of skipping it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("MAO_REQUIRE_PEERS") == "1";

    /// <summary>The repository root (the folder holding the solution file).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Returns the full path of a program on PATH, or skips / fails the test.</summary>
    public static string Require(string program)
    {
        var path = FindOnPath(program);
        if (path is null)
        {
            Missing($"'{program}' is not on PATH (run eng/install-peers.sh)");
        }

        return path!;
    }

    /// <summary>Returns the path of the manifest validator's validate.mjs with its node_modules installed, or skips / fails.</summary>
    public static string RequireManifestValidator()
    {
        Require("node");
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("MAO_MANIFEST_VALIDATOR"),
            Path.Combine(RepoRoot, "artifacts", "manifest-validator", "validate.mjs"),
        };
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate) &&
                Directory.Exists(Path.Combine(Path.GetDirectoryName(candidate)!, "node_modules")))
            {
                return candidate;
            }
        }

        Missing("the manifest validator is not installed (run eng/install-peers.sh, or set MAO_MANIFEST_VALIDATOR)");
        return null!;
    }

    /// <summary>Returns the path of headless-capable Chromium (<c>MAO_CHROMIUM</c>, else <c>chromium</c> on PATH), or skips / fails.</summary>
    public static string RequireChromium()
    {
        var configured = Environment.GetEnvironmentVariable("MAO_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            if (!File.Exists(configured))
            {
                Missing($"MAO_CHROMIUM is set to '{configured}', which does not exist");
            }

            return configured;
        }

        return Require("chromium");
    }

    /// <summary>Runs a program to completion and returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Returns a free TCP port on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Missing(string reason)
    {
        if (Required)
        {
            Assert.Fail($"MAO_REQUIRE_PEERS=1 but {reason}");
        }

        Assert.Skip(reason);
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MultiAgent.Observability.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
