using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Cli.Tests;

/// <summary>Paths of the committed test inputs.</summary>
internal static class TestData
{
    public static string Cli(string name) => Path.Combine(Peers.RepoRoot, "tests", "MultiAgent.Observability.Cli.Tests", "TestData", name);

    public static string Traces(string name) => Path.Combine(Peers.RepoRoot, "tests", "MultiAgent.Observability.Tracing.Tests", "Import", "TestData", name);

    /// <summary>A file's path relative to the current directory is not needed: messages name the path as given.</summary>
    public static string Rules(string name) => Cli(Path.Combine("rules", name));
}
