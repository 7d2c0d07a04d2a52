using System.Diagnostics.CodeAnalysis;

namespace MultiAgent.Observability.Manifests;

/// <summary>The outcome of <see cref="SystemDescriptionLoader"/>: a valid description, or every problem found.</summary>
public sealed class SystemDescriptionLoadResult
{
    internal SystemDescriptionLoadResult(SystemDescription? description, DescriptionProblemList problems)
    {
        Problems = problems;
        Description = problems.Count == 0 ? description : null;
    }

    /// <summary>Gets the description; null unless <see cref="IsValid"/> is <see langword="true"/>.</summary>
    public SystemDescription? Description { get; }

    /// <summary>
    /// Gets the problems found, each with its path and, when known, file and line: the first
    /// <see cref="DescriptionProblemList.MaxListed"/> by line, and the number found in all; empty when valid.
    /// </summary>
    public DescriptionProblemList Problems { get; }

    /// <summary>Gets a value indicating whether the description was read and has no problems.</summary>
    [MemberNotNullWhen(true, nameof(Description))]
    public bool IsValid => Description is not null;
}
