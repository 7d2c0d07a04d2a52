using System.Text.RegularExpressions;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.AspNetCore.Tests;

/// <summary>
/// The dashboard in a real browser: headless Chromium loads the page from a running host, the test reads the DOM it
/// rendered, and a screenshot is kept as <c>artifacts/dashboard.png</c>. Skips without Chromium; fails then when
/// <c>MAO_REQUIRE_PEERS=1</c>.
/// </summary>
public sealed partial class DashboardBrowserTests
{
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Chromium_RendersEveryAgentTheAlertAndTheWaterfallWithItsCriticalPath()
    {
        var chromium = Peers.RequireChromium();
        await using var host = await FleetScenario.StartAsync();
        await FleetScenario.SeedAsync(host);
        var url = new Uri(host.Address, "dashboard").ToString();
        var profile = Directory.CreateTempSubdirectory("mao-chromium-");
        try
        {
            var (exitCode, dom) = await Task.Run(() => Peers.Run(chromium, [.. CommonArguments(profile.FullName), "--dump-dom", url], timeout: BrowserTimeout), TestContext.Current.CancellationToken);

            Assert.True(exitCode == 0, $"chromium exited with {exitCode}: {dom}");
            // The host's own runtime series (agent "host") may be listed too.
            Assert.Superset(FleetScenario.Agents.ToHashSet(), AgentIds().Matches(dom).Select(m => m.Groups[1].Value).ToHashSet());
            Assert.Matches(FiringAlert(), dom);
            Assert.Matches(Waterfall(), dom);
            var critical = CriticalSpans().Matches(dom).Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(FleetScenario.Researcher2, critical);
            Assert.DoesNotContain(FleetScenario.Researcher1, critical);
            Assert.Equal(4, SpanBars().Count(dom));

            var screenshot = Path.Combine(Peers.RepoRoot, "artifacts", "dashboard.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            File.Delete(screenshot);
            var (shotExit, shotOutput) = await Task.Run(
                () => Peers.Run(chromium, [.. CommonArguments(profile.FullName), "--window-size=1280,900", "--screenshot=" + screenshot, url], timeout: BrowserTimeout),
                TestContext.Current.CancellationToken);
            Assert.True(shotExit == 0, $"chromium exited with {shotExit}: {shotOutput}");
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is missing or empty");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string[] CommonArguments(string profile) =>
        ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--hide-scrollbars"];

    [GeneratedRegex("<tr data-agent-id=\"([^\"]+)\"")]
    private static partial Regex AgentIds();

    [GeneratedRegex("<li [^>]*data-alert-name=\"AgentUnhealthy\" data-alert-state=\"firing\"[^>]*data-agent-id=\"researcher-2\"")]
    private static partial Regex FiringAlert();

    [GeneratedRegex("<svg [^>]*data-waterfall=\"true\" data-trace-id=\"4bf92f3577b34da6a3ce929d0e0e4736\"")]
    private static partial Regex Waterfall();

    [GeneratedRegex("<g [^>]*data-agent=\"([^\"]+)\" data-critical=\"true\"")]
    private static partial Regex CriticalSpans();

    [GeneratedRegex("<g [^>]*data-span-id=\"[0-9a-f]{16}\"[^>]*><title>")]
    private static partial Regex SpanBars();
}
