using System.Collections;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// The problems of a system description: the first <see cref="MaxListed"/> in the order of the description, and how
/// many were found in all. A hostile description can have millions; the rest are only counted, so reporting them
/// costs no more than reporting a hundred.
/// </summary>
public sealed class DescriptionProblemList : IReadOnlyList<DescriptionProblem>
{
    /// <summary>The most problems listed: 100.</summary>
    public const int MaxListed = 100;

    private readonly List<DescriptionProblem> _listed;

    internal DescriptionProblemList(List<DescriptionProblem> listed, int totalCount)
    {
        _listed = listed;
        TotalCount = totalCount;
    }

    /// <summary>Gets the number of problems listed: at most <see cref="MaxListed"/>.</summary>
    public int Count => _listed.Count;

    /// <summary>Gets the number of problems found, listed or not.</summary>
    public int TotalCount { get; }

    /// <summary>Gets the number of problems found but not listed (<c>... and 12 more</c>).</summary>
    public int UnlistedCount => TotalCount - _listed.Count;

    /// <summary>Gets a listed problem.</summary>
    /// <param name="index">The 0-based index, below <see cref="Count"/>.</param>
    public DescriptionProblem this[int index] => _listed[index];

    /// <summary>Enumerates the listed problems.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<DescriptionProblem> GetEnumerator() => _listed.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static DescriptionProblemList Of(DescriptionProblem problem) => new([problem], 1);
}
