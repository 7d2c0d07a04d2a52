using System.Diagnostics.CodeAnalysis;

namespace MultiAgent.Observability.Manifests;

/// <summary>The outcome of <see cref="SystemDescriptionLoader"/>: a valid description, or every problem found.</summary>
public sealed class SystemDescriptionLoadResult
{
    internal SystemDescriptionLoadResult(SystemDescription? description, IReadOnlyList<DescriptionProblem> problems)
    {
        Problems = problems;
        Description = problems.Count == 0 ? description : null;
    }

    /// <summary>Gets the description; null unless <see cref="IsValid"/> is <see langword="true"/>.</summary>
    public SystemDescription? Description { get; }

    /// <summary>Gets every problem found, each with its path and, when known, file and line; empty when valid.</summary>
    public IReadOnlyList<DescriptionProblem> Problems { get; }

    /// <summary>Gets a value indicating whether the description was read and has no problems.</summary>
    [MemberNotNullWhen(true, nameof(Description))]
    public bool IsValid => Description is not null;
}
