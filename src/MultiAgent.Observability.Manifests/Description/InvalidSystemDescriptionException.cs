namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Thrown when a system description built in code is used while invalid; carries every problem at once.
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

    /// <summary>Initializes a new instance of the <see cref="InvalidSystemDescriptionException"/> class listing every problem.</summary>
    /// <param name="problems">The problems, as returned by <see cref="SystemDescriptionValidator.Validate"/>.</param>
    public InvalidSystemDescriptionException(IReadOnlyList<DescriptionProblem> problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found in the description.</summary>
    public IReadOnlyList<DescriptionProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<DescriptionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var lines = new string[problems.Count + 1];
        lines[0] = problems.Count == 1
            ? "The system description has 1 problem:"
            : $"The system description has {problems.Count} problems:";
        for (var i = 0; i < problems.Count; i++)
        {
            lines[i + 1] = "  " + problems[i];
        }

        return string.Join('\n', lines);
    }
}
