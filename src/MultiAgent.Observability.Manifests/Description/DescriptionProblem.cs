using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// One problem in a system description: where it is (the path of the field as written in the
/// description file, such as <c>agents[2].resources.memory_limit</c>, and when loaded from a file,
/// the file and line) and what is wrong, with a suggestion when one is known.
/// </summary>
public sealed record DescriptionProblem
{
    internal DescriptionProblem(string path, string message)
    {
        Path = path;
        Message = message;
    }

    /// <summary>Gets the path of the field, in the description file's snake_case keys; empty for the whole document.</summary>
    public string Path { get; init; }

    /// <summary>Gets what is wrong, and a suggestion when one is known.</summary>
    public string Message { get; init; }

    /// <summary>Gets the file the description was loaded from; null when built in code or loaded from text without a name.</summary>
    public string? File { get; init; }

    /// <summary>Gets the 1-based line of the field in the file; null when built in code.</summary>
    public int? Line { get; init; }

    /// <summary>Returns the problem as <c>file:line: path: message</c>, omitting the parts that are missing.</summary>
    /// <returns>The problem in the format compilers and editors understand.</returns>
    public override string ToString()
    {
        var location = (File, Line) switch
        {
            ({ } file, { } line) => string.Create(CultureInfo.InvariantCulture, $"{file}:{line}"),
            ({ } file, null) => file,
            (null, { } line) => string.Create(CultureInfo.InvariantCulture, $"line {line}"),
            _ => null,
        };
        var text = string.IsNullOrEmpty(Path) ? Message : Path + ": " + Message;
        return location is null ? text : location + ": " + text;
    }
}
