namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Thrown when a system description built in code is used while invalid; carries its problems at once (the first
/// <see cref="DescriptionProblemList.MaxListed"/>, and how many there are).
/// </summary>
public sealed class InvalidSystemDescriptionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InvalidSystemDescriptionException"/> class with no problems listed.</summary>
    public InvalidSystemDescriptionException()
        : this("The system description is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidSystemDescriptionException"/> class with a message and no problems listed.</summary>
    /// <param name="message">The message.</param>
    public InvalidSystemDescriptionException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidSystemDescriptionException"/> class with a message, an inner exception and no problems listed.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public InvalidSystemDescriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidSystemDescriptionException"/> class listing the problems.</summary>
    /// <param name="problems">The problems, as returned by <see cref="SystemDescriptionValidator.Validate"/>; a
    /// <see cref="DescriptionProblemList"/> brings its <see cref="DescriptionProblemList.TotalCount"/>. The message lists
    /// at most <see cref="DescriptionProblemList.MaxListed"/> of them and counts the rest.</param>
    public InvalidSystemDescriptionException(IReadOnlyList<DescriptionProblem> problems)
        : this(problems, TotalOf(problems))
    {
    }

    private InvalidSystemDescriptionException(IReadOnlyList<DescriptionProblem> problems, int total)
        : base(FormatMessage(problems, total))
    {
        Problems = problems;
        TotalProblemCount = total;
    }

    /// <summary>Gets the problems listed: at most <see cref="DescriptionProblemList.MaxListed"/> when they come from the validator.</summary>
    public IReadOnlyList<DescriptionProblem> Problems { get; }

    /// <summary>Gets the number of problems found in the description, listed or not.</summary>
    public int TotalProblemCount { get; }

    private static int TotalOf(IReadOnlyList<DescriptionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems is DescriptionProblemList list ? list.TotalCount : problems.Count;
    }

    private static string FormatMessage(IReadOnlyList<DescriptionProblem> problems, int total)
    {
        var shown = Math.Min(problems.Count, DescriptionProblemList.MaxListed);
        var lines = new List<string>(shown + 2)
        {
            total == 1 ? "The system description has 1 problem:" : $"The system description has {total} problems:",
        };
        for (var i = 0; i < shown; i++)
        {
            lines.Add("  " + problems[i]);
        }

        if (total > shown)
        {
            lines.Add($"  ... and {total - shown} more");
        }

        return string.Join('\n', lines);
    }
}
