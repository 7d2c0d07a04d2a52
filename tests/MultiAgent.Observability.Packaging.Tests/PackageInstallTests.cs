using System.IO.Compression;
using System.Xml.Linq;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Packaging.Tests;

/// <summary>
/// The packages work for their users: every project under <c>src/</c> packs (symbols, README, licence, repository commit,
/// XML docs); a fresh console project references them from a local folder by PackageReference, builds, starts a host
/// and records a sample; the CLI installs as a local tool from that folder and prints its help.
/// </summary>
/// <remarks>One test with numbered stages (each failure names its stage): packing is the slow part and is done once.</remarks>
public sealed class PackageInstallTests
{
    // Generous: on a quiet machine the whole test takes about two minutes, but a loaded shared runner is many times slower.
    private static readonly TimeSpan s_stageTimeout = TimeSpan.FromMinutes(12);

    [Fact]
    public void Pack_EveryProject_InstallsBuildsRunsAndTheCliRunsAsALocalTool()
    {
        var dotnet = Peers.Require("dotnet");
        var work = Directory.CreateTempSubdirectory("mao-packaging-").FullName;
        var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;

        // A package version no earlier run used, so NuGet's global cache can never serve a stale copy. Only the package
        // version changes (not the assembly version), so the Release build stays incremental between runs.
        var version = "0.1.0-packtest." + Guid.NewGuid().ToString("N")[..12];

        // Stage 1: pack every project under src/ (a new one is picked up with no change here) in one build.
        var projects = Directory.GetFiles(Path.Combine(Peers.RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(projects.Count >= 7, $"stage 1: found only {projects.Count} projects under src/");
        Stage(1, "create the pack solution", dotnet, ["new", "sln", "--name", "pack", "--format", "sln", "--output", work], work);
        var solution = Path.Combine(work, "pack.sln");
        Stage(1, "add the src projects", dotnet, ["sln", solution, "add", .. projects], work);
        Stage(1, "dotnet pack", dotnet, ["pack", solution, "-c", "Release", "-o", feed, "-p:PackageVersion=" + version, "-nologo"], Peers.RepoRoot);

        // Stage 2: each package has its symbols, README, licence expression, repository commit and XML docs.
        foreach (var project in projects)
        {
            var id = Path.GetFileNameWithoutExtension(project);
            CheckPackage(feed, id, version, isTool: id.EndsWith(".Cli", StringComparison.Ordinal));
        }

        // Stage 3: a fresh console project takes the packages from the folder, builds, starts a host and records a sample.
        var app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MultiAgent.Observability" Version="{version}" />
                <PackageReference Include="MultiAgent.Observability.Metrics" Version="{version}" />
                <PackageReference Include="MultiAgent.Observability.Alerting" Version="{version}" />
                <PackageReference Include="MultiAgent.Observability.Tracing" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="{HostingVersion()}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using MultiAgent.Observability;
            using MultiAgent.Observability.Alerting;
            using MultiAgent.Observability.Metrics;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddMultiAgentMonitoring().AddAgentMetrics().AddAlerting().AddAgentTracing();
            using var host = builder.Build();
            await host.StartAsync();
            var recorder = host.Services.GetRequiredService<IMetricRecorder>();
            var reader = host.Services.GetRequiredService<IMetricReader>();
            var series = recorder.GetSeries("planner", "agent_queue_depth", MetricKind.Gauge);
            recorder.Record(series, 42);
            await reader.FlushAsync();
            var gauge = (GaugeAggregate)reader.GetAggregate(series)!;
            Console.WriteLine($"sample: planner agent_queue_depth={gauge.Last}; alerts={host.Services.GetRequiredService<IAlertEngine>().GetAlerts().Count}");
            await host.StopAsync();
            """);
        var run = Stage(3, "build and run the console project", dotnet, ["run", "-c", "Release", "--project", Path.Combine(app, "app.csproj")], app);
        Assert.Contains("sample: planner agent_queue_depth=42; alerts=0", run, StringComparison.Ordinal);

        // Stage 4: the CLI installs as a local tool from the folder and runs.
        Stage(4, "create the tool manifest", dotnet, ["new", "tool-manifest"], app);
        Stage(4, "install the CLI", dotnet, ["tool", "install", "MultiAgent.Observability.Cli", "--version", version, "--add-source", feed], app);
        var help = Stage(4, "multiagent --help", dotnet, ["tool", "run", "multiagent", "--", "--help"], app);
        Assert.Contains("multiagent", help, StringComparison.Ordinal);
        Assert.Contains("manifests", help, StringComparison.Ordinal);
    }

    private static string Stage(int stage, string what, string dotnet, IEnumerable<string> arguments, string directory)
    {
        var (exitCode, output) = Peers.Run(dotnet, arguments, directory, s_stageTimeout);
        Assert.True(exitCode == 0, $"stage {stage} ({what}) failed with exit code {exitCode}:\n{output}");
        return output;
    }

    private static void CheckPackage(string feed, string id, string version, bool isTool)
    {
        var package = Path.Combine(feed, $"{id}.{version}.nupkg");
        Assert.True(File.Exists(package), $"stage 2: {id} was not packed");
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", entries);
        var lib = isTool ? "tools/net10.0/any/" : "lib/net10.0/";
        Assert.Contains(lib + id + ".dll", entries);
        Assert.Contains(lib + id + ".xml", entries);

        using var nuspecStream = zip.GetEntry(id + ".nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        Assert.False(string.IsNullOrEmpty(metadata.Elements().Single(e => e.Name.LocalName == "description").Value));

        var symbols = Path.Combine(feed, $"{id}.{version}.snupkg");
        Assert.True(File.Exists(symbols), $"stage 2: {id} has no symbol package");
        using var symbolZip = ZipFile.OpenRead(symbols);
        Assert.Contains(symbolZip.Entries, e => e.FullName == lib + id + ".pdb");
    }

    /// <summary>The Microsoft.Extensions.Hosting version the repository pins, so the console project uses what the packages were built with.</summary>
    private static string HostingVersion()
    {
        var props = XDocument.Load(Path.Combine(Peers.RepoRoot, "Directory.Packages.props"));
        var version = props.Descendants().First(e => e.Name.LocalName == "MicrosoftExtensionsVersion").Value;
        return version;
    }
}
