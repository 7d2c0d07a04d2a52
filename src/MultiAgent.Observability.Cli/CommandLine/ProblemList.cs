namespace MultiAgent.Observability.Cli.CommandLine;

/// <summary>Prints problems one a line to standard error, at most <see cref="MaxPrinted"/>, then a summary naming the input.</summary>
internal static class ProblemList
{
    /// <summary>The most problems printed; the rest are counted, so a hostile file cannot flood the terminal.</summary>
    public const int MaxPrinted = 100;

    /// <summary>Prints <paramref name="problems"/> (already <c>file:line: message</c>) and returns <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static int Print(IReadOnlyList<string> problems, int total, string what, TextWriter stderr)
    {
        var shown = Math.Min(problems.Count, MaxPrinted);
        for (var i = 0; i < shown; i++)
        {
            stderr.WriteLine(problems[i]);
        }

        if (total > shown)
        {
            stderr.WriteLine($"... and {total - shown} more");
        }

        stderr.WriteLine($"multiagent: {(total == 1 ? "1 problem" : $"{total} problems")} in {what}");
        return ExitCodes.InvalidInput;
    }
}
