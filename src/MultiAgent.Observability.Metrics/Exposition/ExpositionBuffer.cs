using System.Buffers;
using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// A growable UTF-8 buffer rented from <see cref="ArrayPool{T}"/>. Text goes in already encoded and escaped,
/// segment by segment, so writing a sample builds no intermediate string.
/// </summary>
internal sealed class ExpositionBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public ExpositionBuffer(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    public void Write(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(GetSpan(utf8.Length));
        _length += utf8.Length;
    }

    public void Write(byte b)
    {
        GetSpan(1)[0] = b;
        _length++;
    }

    /// <summary>Writes text that needs no escaping (metric and label names).</summary>
    public void WriteText(ReadOnlySpan<char> text) => WriteUtf8(text);

    public void Write(long value)
    {
        value.TryFormat(GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Write(double value, bool openMetrics) =>
        _length += GoFloatFormatter.Format(value, GetSpan(GoFloatFormatter.MaxLength), openMetrics);

    /// <summary>Writes text with <c>\</c> and line feeds escaped, and <c>"</c> too when <paramref name="escapeQuote"/> is set.</summary>
    public void WriteEscaped(string text, bool escapeQuote)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var special = escapeQuote ? rest.IndexOfAny('\\', '\n', '"') : rest.IndexOfAny('\\', '\n');
            if (special < 0)
            {
                WriteUtf8(rest);
                return;
            }

            WriteUtf8(rest[..special]);
            Write(rest[special] switch
            {
                '\\' => @"\\"u8,
                '\n' => @"\n"u8,
                _ => "\\\""u8,
            });
            rest = rest[(special + 1)..];
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        // Invalid UTF-16 (a lone surrogate) becomes U+FFFD rather than failing the whole scrape.
        _length += Encoding.UTF8.GetBytes(text, GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
    }

    private Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _length < size)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsSpan(_length);
    }
}
