using System.Runtime.CompilerServices;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Builds a checker's problem message only when the problem is kept: past the first hundred problems of a hostile
/// description neither the text nor its suggestions (an edit distance to every agent id) are computed, only counted.
/// </summary>
[InterpolatedStringHandler]
internal ref struct ProblemMessage
{
    private DefaultInterpolatedStringHandler _text;

    public ProblemMessage(int literalLength, int formattedCount, DescriptionChecker checker, string path, out bool kept)
    {
        kept = checker.Admit(path);
        Kept = kept;
        _text = kept ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    /// <summary>Gets whether the problem is kept, so the message was built.</summary>
    public bool Kept { get; }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
