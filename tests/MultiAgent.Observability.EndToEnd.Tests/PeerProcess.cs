using System.Globalization;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary>
/// A real Prometheus or Alertmanager started on 127.0.0.1 (free port, own data folder) by <c>shared/tools/peers.sh</c>,
/// stopped by its pidfile on dispose. Skips the test when the program is missing, fails instead under <c>MAO_REQUIRE_PEERS=1</c>.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly string _script;
    private readonly string _pidFile;

    private PeerProcess(string script, string pidFile, int port, string directory)
    {
        _script = script;
        _pidFile = pidFile;
        Port = port;
        Directory = directory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Port { get; }

    /// <summary>The peer's working folder (its config, data and log).</summary>
    public string Directory { get; }

    /// <summary>A client for the peer's HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts Prometheus with the configuration <paramref name="writeConfig"/> writes into the folder it is given.</summary>
    public static PeerProcess StartPrometheus(Func<string, string> writeConfig)
    {
        Peers.Require("prometheus");
        var script = FindScript();
        var directory = System.IO.Directory.CreateTempSubdirectory("mao-e2e-prometheus-").FullName;
        var config = writeConfig(directory);
        var port = Peers.FreePort();
        return Start(script, directory, port, ["start-prometheus", config, Path.Combine(directory, "data"), port.ToString(CultureInfo.InvariantCulture)]);
    }

    /// <summary>Starts Alertmanager with the script's minimal configuration (group wait 1 s).</summary>
    public static PeerProcess StartAlertmanager()
    {
        Peers.Require("prometheus-alertmanager");
        var script = FindScript();
        var directory = System.IO.Directory.CreateTempSubdirectory("mao-e2e-alertmanager-").FullName;
        var port = Peers.FreePort();
        return Start(script, directory, port, ["start-alertmanager", port.ToString(CultureInfo.InvariantCulture), directory]);
    }

    public void Dispose()
    {
        Http.Dispose();
        Peers.Run("bash", [_script, "stop", _pidFile]);
    }

    /// <summary>The peer's log, for failure messages.</summary>
    public string LogTail()
    {
        var log = Path.ChangeExtension(_pidFile, ".log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "(no log)";
    }

    private static PeerProcess Start(string script, string directory, int port, string[] arguments)
    {
        var (code, output) = Peers.Run("bash", [script, .. arguments], timeout: TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"peers.sh {arguments[0]} failed: {output}");
        return new PeerProcess(script, output.Trim().Split('\n')[^1], port, directory);
    }

    private static string FindScript()
    {
        var shared = Environment.GetEnvironmentVariable("MAO_SHARED_DIR") ?? Path.Combine(Peers.RepoRoot, "..", "shared");
        var script = Path.GetFullPath(Path.Combine(shared, "tools", "peers.sh"));
        if (!File.Exists(script))
        {
            if (Peers.Required)
            {
                Assert.Fail($"MAO_REQUIRE_PEERS=1 but {script} does not exist (set MAO_SHARED_DIR)");
            }

            Assert.Skip($"{script} does not exist (set MAO_SHARED_DIR)");
        }

        return script;
    }
}
