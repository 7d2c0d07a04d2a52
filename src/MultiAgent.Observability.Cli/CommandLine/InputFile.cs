using System.Text;

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

    /// <summary>Reads a whole text file of at most <paramref name="maxBytes"/> bytes as UTF-8.</summary>
    /// <exception cref="InputException">The file cannot be read, is larger, or is not UTF-8.</exception>
    public static string ReadText(string path, int maxBytes, Func<Stream> stdin)
    {
        using var stream = Open(path, stdin);
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}");
        }

        if (length > maxBytes)
        {
            throw new InputException($"{path}: the file is larger than {maxBytes} bytes");
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + buffer.AsSpan(0, Math.Min(length, Math.Max(0, e.Index))).Count((byte)'\n');
            throw new InputException($"{path}:{line}: the file is not valid UTF-8");
        }
    }
}

/// <summary>An input that cannot be used at all; the message is the whole report (<c>file: reason</c>), exit code 1.</summary>
internal sealed class InputException(string message) : Exception(message);
