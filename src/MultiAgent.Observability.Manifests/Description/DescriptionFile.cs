using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Reads a description file as strict UTF-8 through a bounded stream: regular files, devices (<c>/dev/zero</c>),
/// FIFOs and <c>/dev/stdin</c> alike stop at <see cref="MaxBytes"/>, since their reported length cannot be trusted.
/// Invalid UTF-8 is refused with its line and byte offset instead of being turned into U+FFFD.
/// </summary>
internal static class DescriptionFile
{
    /// <summary>The largest description read: 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private const int ChunkBytes = 64 * 1024;

    /// <summary>Reads the file at <paramref name="path"/>; returns its text, or null with the problem.</summary>
    public static string? Read(string path, out DescriptionProblem? problem)
    {
        byte[] bytes;
        int length;
        try
        {
            if (Directory.Exists(path))
            {
                problem = new DescriptionProblem("", "cannot read the file: it is a directory") { File = path };
                return null;
            }

            // No FileInfo.Length: a device or a pipe reports 0 (or anything), so the cap is counted while reading.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            (bytes, length) = ReadAtMost(stream, MaxBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = new DescriptionProblem("", $"cannot read the file: {e.Message}") { File = path };
            return null;
        }

        try
        {
            if (length > MaxBytes)
            {
                problem = new DescriptionProblem(
                    "",
                    string.Create(CultureInfo.InvariantCulture, $"the file is larger than {MaxBytes} bytes; a system description may have at most {MaxBytes} (4 MiB), so reading stopped there"))
                { File = path };
                return null;
            }

            return Decode(bytes.AsSpan(0, length), path, out problem);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 (a byte order mark is skipped); null with the problem at the first invalid byte.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string? path, out DescriptionProblem? problem)
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
        problem = new DescriptionProblem(
            "",
            string.Create(
                CultureInfo.InvariantCulture,
                $"invalid UTF-8 at byte offset {offset} of the file (byte {offset - lineStart + 1} of the line, 0x{bytes[offset]:X2}); a system description must be UTF-8 text"))
        {
            File = path,
            Line = line,
        };
        return null;
    }

    private static int InvalidOffset(ReadOnlySpan<byte> text)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(text[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary>Reads until the end or <paramref name="limit"/> bytes, whichever comes first, into a pooled buffer.</summary>
    private static (byte[] Buffer, int Length) ReadAtMost(Stream stream, int limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var length = 0;
        try
        {
            while (length < limit)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit, buffer.Length * 2));
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
