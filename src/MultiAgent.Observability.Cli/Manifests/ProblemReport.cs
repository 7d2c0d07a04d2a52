using MultiAgent.Observability.Cli.CommandLine;
using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability.Cli.Manifests;

/// <summary>Prints a description's problems through <see cref="ProblemList"/>: at most <see cref="MaxPrinted"/> of them, then the count of all.</summary>
internal static class ProblemReport
{
    /// <summary>The most problems printed one per line; the rest are counted ("and 12 more"), so a hostile file cannot flood the terminal.</summary>
    public const int MaxPrinted = ProblemList.MaxPrinted;

    /// <summary>Prints the listed problems and the summary line naming their total, and returns <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static int Print(DescriptionProblemList problems, string file, TextWriter stderr) =>
        Print(problems, problems.TotalCount, file, stderr);

    /// <summary>Prints <paramref name="problems"/> of <paramref name="total"/> found, and returns <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static int Print(IReadOnlyList<DescriptionProblem> problems, int total, string file, TextWriter stderr)
    {
        var lines = new string[Math.Min(problems.Count, MaxPrinted)];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = problems[i].ToString();
        }

        return ProblemList.Print(lines, total, file + "; nothing was written", stderr);
    }
}
