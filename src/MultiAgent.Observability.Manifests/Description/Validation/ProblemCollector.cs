namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Counts every problem and keeps the first <see cref="DescriptionProblemList.MaxListed"/>; a problem at or under a
/// path in <paramref name="alreadyReported"/> only repeats one reported there, and is neither kept nor counted.
/// </summary>
internal sealed class ProblemCollector(HashSet<string>? alreadyReported = null)
{
    private readonly List<DescriptionProblem> _kept = [];

    /// <summary>Gets the number of problems counted.</summary>
    public int Total { get; private set; }

    /// <summary>Gets the problems kept, in the order they were found.</summary>
    public List<DescriptionProblem> Kept => _kept;

    /// <summary>Counts a problem at <paramref name="path"/>; true when it is to be kept (so its message is worth building).</summary>
    public bool Admit(string path)
    {
        if (alreadyReported is not null && IsAtOrUnderAny(path, alreadyReported))
        {
            return false;
        }

        Total++;
        return _kept.Count < DescriptionProblemList.MaxListed;
    }

    /// <summary>Keeps a problem <see cref="Admit"/> accepted.</summary>
    public void Keep(DescriptionProblem problem) => _kept.Add(problem);

    /// <summary>Counts a problem and keeps it while there is room.</summary>
    public void Add(DescriptionProblem problem)
    {
        if (Admit(problem.Path))
        {
            Keep(problem);
        }
    }

    /// <summary>Returns what was kept and counted as the public list.</summary>
    public DescriptionProblemList ToList() => new(_kept, Total);

    // Walks up the path (a set lookup per level) rather than testing every reported path: linear, not quadratic, in problems.
    private static bool IsAtOrUnderAny(string path, HashSet<string> ancestors)
    {
        for (var p = path; p is not null && (p.Length > 0 || path.Length == 0); p = DescriptionPath.Parent(p))
        {
            if (ancestors.Contains(p))
            {
                return true;
            }
        }

        return false;
    }
}
