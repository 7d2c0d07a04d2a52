using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Reads a whole text input as strict UTF-8 through a bounded stream: regular files, devices (<c>/dev/zero</c>),
/// FIFOs and standard input alike stop one byte past the limit, since their reported length cannot be trusted.
/// Invalid UTF-8 is refused with its line and byte offset instead of being turned into U+FFFD; a byte order mark is
/// skipped. The system description loader and the <c>multiagent</c> CLI's rule files both read through it.
/// </summary>
internal static class BoundedTextFile
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, at most <paramref name="maxBytes"/> bytes; returns the text, or null
    /// with the problem. <paramref name="what"/> names the input in messages (<c>a system description</c>).
    /// </summary>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static string? Read(Stream stream, int maxBytes, string what, out TextFileProblem? problem)
    {
        var (bytes, length) = ReadAtMost(stream, maxBytes + 1);
        try
        {
            if (length > maxBytes)
            {
                var size = maxBytes % (1024 * 1024) == 0 ? $"{maxBytes} ({maxBytes / (1024 * 1024)} MiB)" : $"{maxBytes}";
                problem = new TextFileProblem(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the file is larger than {maxBytes} bytes; {what} may have at most {size}, so reading stopped there"));
                return null;
            }

            return Decode(bytes.AsSpan(0, length), what, out problem);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 (a byte order mark is skipped); null with the problem at the first invalid byte.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string what, out TextFileProblem? problem)
    {
        problem = null;
        var text = bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        if (Utf8.IsValid(text))
        {
            return Encoding.UTF8.GetString(text);
        }

        var offset = InvalidOffset(text) + (bytes.Length - text.Length);
        var lineStart = bytes[..offset].LastIndexOf((byte)'\n') + 1;
        var line = bytes[..offset].Count((byte)'\n') + 1;
        problem = new TextFileProblem(
            string.Create(
                CultureInfo.InvariantCulture,
                $"invalid UTF-8 at byte offset {offset} of the file (byte {offset - lineStart + 1} of the line, 0x{bytes[offset]:X2}); {what} must be UTF-8 text"))
        {
            Line = line,
            ByteOffset = offset,
        };
        return null;
    }

    private static int InvalidOffset(ReadOnlySpan<byte> text)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(text[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary>Reads until the end or <paramref name="limit"/> bytes, whichever comes first, into a pooled buffer.</summary>
    private static (byte[] Buffer, int Length) ReadAtMost(Stream stream, int limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, ChunkBytes));
        var length = 0;
        try
        {
            while (length < limit)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, 2L * buffer.Length));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = stream.Read(buffer, length, Math.Min(buffer.Length, limit) - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

/// <summary>Why a text input was refused: the message (without the file name), and the line and byte offset when known.</summary>
internal sealed class TextFileProblem(string message)
{
    /// <summary>Gets what is wrong, such as <c>invalid UTF-8 at byte offset 43 …</c>.</summary>
    public string Message { get; } = message;

    /// <summary>Gets the 1-based line of the problem; null when it concerns the whole file.</summary>
    public int? Line { get; init; }

    /// <summary>Gets the 0-based byte offset of the problem in the file; null when it concerns the whole file.</summary>
    public int? ByteOffset { get; init; }
}
