using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability.Cli.Manifests;

/// <summary>Prints a description's problems to standard error, at most <see cref="MaxPrinted"/> of them, then the count.</summary>
internal static class ProblemReport
{
    /// <summary>The most problems printed one per line; the rest are counted ("and 12 more"), so a hostile file cannot flood the terminal.</summary>
    public const int MaxPrinted = 100;

    /// <summary>Prints <paramref name="problems"/> and the summary line, and returns <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static int Print(IReadOnlyList<DescriptionProblem> problems, string file, TextWriter stderr)
    {
        var shown = Math.Min(problems.Count, MaxPrinted);
        for (var i = 0; i < shown; i++)
        {
            stderr.WriteLine(problems[i].ToString());
        }

        if (problems.Count > shown)
        {
            stderr.WriteLine($"... and {problems.Count - shown} more");
        }

        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        stderr.WriteLine($"multiagent: {count} in {file}; nothing was written");
        return ExitCodes.InvalidInput;
    }
}
