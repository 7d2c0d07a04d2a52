using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace MultiAgent.Observability.Tracing.Import;

/// <summary>
/// A pull reader over a <see cref="Stream"/> of JSON (one value or several, as in NDJSON): <see cref="Utf8JsonReader"/>
/// over a buffer that is refilled, and grown only while one token does not fit, so memory is bounded by the longest
/// token, never by the file. The current token's value is valid until the next <see cref="Read"/>.
/// </summary>
internal sealed class JsonStreamReader
{
    private const int InitialBufferSize = 64 * 1024;
    private static readonly JsonReaderOptions s_options = new() { AllowMultipleValues = true, MaxDepth = 64 };

    private readonly Stream _stream;
    private readonly int _maxTokenBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _final;
    private bool _started;
    private bool _anyToken;
    private JsonReaderState _state = new(s_options);
    private long _discarded;
    private int _discardedLines;
    private int _tokenStart;
    private int _valueStart;
    private int _valueLength;
    private string? _unescaped;

    public JsonStreamReader(Stream stream, int maxTokenBytes)
    {
        _stream = stream;
        _maxTokenBytes = maxTokenBytes;
        _buffer = new byte[Math.Min(InitialBufferSize, maxTokenBytes)];
    }

    /// <summary>Gets the type of the current token.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>Gets the depth of the current token (0 for a top-level value).</summary>
    public int Depth { get; private set; }

    /// <summary>Gets the absolute byte offset of the current token.</summary>
    public long TokenPosition => _discarded + _tokenStart;

    /// <summary>Reads the next token; false at the end of the stream.</summary>
    /// <exception cref="TraceFileFormatException">The JSON is invalid or truncated.</exception>
    public bool Read()
    {
        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            var reader = new Utf8JsonReader(data, _final, _state);
            bool read;
            try
            {
                read = reader.Read();
            }
            catch (JsonException e)
            {
                _tokenStart = _start + (int)reader.BytesConsumed;
                if (!_anyToken && data.Trim(" \t\r\n"u8).IsEmpty)
                {
                    throw Fail("the file holds no JSON value");
                }

                throw IsPrefix(data[(int)reader.BytesConsumed..], reader.CurrentState)
                    ? Fail("the file ends inside a JSON value (truncated?)")
                    : Fail("not valid JSON: " + FirstSentence(e.Message));
            }

            if (read)
            {
                Capture(ref reader);
                return true;
            }

            if (_final)
            {
                _tokenStart = _end;
                return false;
            }

            Refill();
        }
    }

    /// <summary>Skips the current value: a whole object or array, or the value after a property name.</summary>
    public void Skip()
    {
        if (TokenType == JsonTokenType.PropertyName)
        {
            ReadValue();
        }

        if (TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = Depth;
            while (Read() && !(TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && Depth == depth))
            {
            }
        }
    }

    /// <summary>Reads the value after a property name; a missing one is a truncated file.</summary>
    public void ReadValue()
    {
        if (!Read())
        {
            throw Fail("the file ends inside a JSON value (truncated?)");
        }
    }

    /// <summary>Whether the current string or property name is <paramref name="utf8"/>.</summary>
    public bool ValueIs(ReadOnlySpan<byte> utf8) =>
        _unescaped is null ? _buffer.AsSpan(_valueStart, _valueLength).SequenceEqual(utf8) : Encoding.UTF8.GetBytes(_unescaped).AsSpan().SequenceEqual(utf8);

    /// <summary>Gets the current string, through <paramref name="pool"/> when given.</summary>
    public string GetString(StringPool? pool = null) =>
        _unescaped ?? (pool is null ? Encoding.UTF8.GetString(_buffer, _valueStart, _valueLength) : pool.Get(_buffer.AsSpan(_valueStart, _valueLength)));

    /// <summary>Gets the raw UTF-8 bytes of the current string or number (unescaped).</summary>
    public ReadOnlySpan<byte> GetBytes() => _unescaped is null ? _buffer.AsSpan(_valueStart, _valueLength) : Encoding.UTF8.GetBytes(_unescaped);

    /// <summary>Reads an integer given as a JSON number or a decimal string (protobuf's JSON form of 64-bit integers).</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            return false;
        }

        var bytes = GetBytes();
        return Utf8Parser.TryParse(bytes, out value, out var used) && used == bytes.Length;
    }

    /// <summary>Reads a floating value given as a JSON number or a string (including NaN and ±Infinity).</summary>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            return false;
        }

        var bytes = GetBytes();
        if (TokenType == JsonTokenType.String)
        {
            if (bytes.SequenceEqual("NaN"u8))
            {
                value = double.NaN;
                return true;
            }

            if (bytes.SequenceEqual("Infinity"u8) || bytes.SequenceEqual("-Infinity"u8))
            {
                value = bytes[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }
        }

        return Utf8Parser.TryParse(bytes, out value, out var used) && used == bytes.Length;
    }

    /// <summary>An error at the current token, with its byte offset and line.</summary>
    public TraceFileFormatException Fail(string reason)
    {
        var line = _discardedLines + 1 + _buffer.AsSpan(0, Math.Min(_tokenStart, _end)).Count((byte)'\n');
        return new TraceFileFormatException(TokenPosition, line, reason);
    }

    private static bool IsPrefix(ReadOnlySpan<byte> rest, JsonReaderState state)
    {
        var reader = new Utf8JsonReader(rest, isFinalBlock: false, state);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    private void Capture(ref Utf8JsonReader reader)
    {
        _anyToken = true;
        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        _tokenStart = _start + (int)reader.TokenStartIndex;
        _unescaped = null;
        if (TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number)
        {
            if (reader.ValueIsEscaped)
            {
                _unescaped = reader.GetString();
            }
            else
            {
                // A string's token starts at its opening quote.
                _valueStart = _tokenStart + (TokenType == JsonTokenType.Number ? 0 : 1);
                _valueLength = reader.ValueSpan.Length;
            }
        }

        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private void Refill()
    {
        if (_start > 0)
        {
            _discardedLines += _buffer.AsSpan(0, _start).Count((byte)'\n');
            _discarded += _start;
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _tokenStart = Math.Max(0, _tokenStart - _start);
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxTokenBytes)
            {
                _tokenStart = 0;
                throw Fail($"a JSON token is longer than {_maxTokenBytes} bytes");
            }

            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxTokenBytes));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (!_started)
        {
            _started = true;
            read = SkipByteOrderMark(read);
        }

        _end += read;
        _final = read == 0;
    }

    private int SkipByteOrderMark(int read)
    {
        if (read >= 3 && _buffer.AsSpan(_end, 3).SequenceEqual("\uFEFF"u8))
        {
            _start = _end + 3;
            _tokenStart = _start;
        }

        return read;
    }
}
