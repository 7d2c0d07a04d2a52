using MultiAgent.Observability.Manifests;

namespace MultiAgent.Observability.Cli.CommandLine;

/// <summary>Opens a command's input file, or standard input for <c>-</c>, with a clear message when it cannot be read.</summary>
internal static class InputFile
{
    /// <summary>The name that means standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>The name messages use for an input: the path as given, or <c>&lt;stdin&gt;</c>.</summary>
    public static string DisplayName(string path) => path == StandardInput ? "<stdin>" : path;

    /// <summary>Opens <paramref name="path"/> for reading; <c>-</c> is <paramref name="stdin"/>.</summary>
    /// <exception cref="InputException">The file cannot be opened.</exception>
    public static Stream Open(string path, Func<Stream> stdin)
    {
        if (path == StandardInput)
        {
            return stdin();
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (OutputFile.IsWriteFailure(e))
        {
            throw new InputException($"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Reads a whole text file of at most <paramref name="maxBytes"/> bytes as strict UTF-8 (a byte order mark is skipped)
    /// through the reader system descriptions use; <paramref name="what"/> names the input in messages (<c>a rule file</c>).
    /// </summary>
    /// <exception cref="InputException">The file cannot be read, is larger, or is not UTF-8 (<c>file:line: …</c> with the byte offset).</exception>
    public static string ReadText(string path, int maxBytes, string what, Func<Stream> stdin)
    {
        using var stream = Open(path, stdin);
        string? text;
        TextFileProblem? problem;
        try
        {
            text = BoundedTextFile.Read(stream, maxBytes, what, out problem);
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}");
        }

        return text ?? throw new InputException(problem!.Line is { } line ? $"{path}:{line}: {problem.Message}" : $"{path}: {problem.Message}");
    }
}

/// <summary>An input that cannot be used at all; the message is the whole report (<c>file: reason</c>), exit code 1.</summary>
internal sealed class InputException(string message) : Exception(message);
