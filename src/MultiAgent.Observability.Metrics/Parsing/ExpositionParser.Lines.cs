using System.Text.Unicode;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <content>The line grammar: comments and metadata, samples, labels, exemplars.</content>
public sealed partial class ExpositionParser
{
    private const int ExemplarRuneBudget = 128;

    private readonly Utf8Interner _names = new(16_384);
    private IExpositionSink _sink = null!;
    private bool _om;
    private bool _eofSeen;
    private long _bytes;
    private int _lineNumber;
    private int _samples;
    private int _familyCount;
    private int _errorCount;
    private List<ExpositionError>? _errors;
    private byte[] _joined = new byte[256];
    private LabelRange[] _labels = new LabelRange[16];
    private LabelRange[] _exemplarLabels = new LabelRange[8];

    private void Begin(ExpositionFormat format, IExpositionSink sink)
    {
        _sink = sink;
        _om = format switch
        {
            ExpositionFormat.OpenMetrics100 => true,
            ExpositionFormat.PrometheusText004 => false,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
        };
        _eofSeen = false;
        _bytes = 0;
        _lineNumber = 0;
        _samples = 0;
        _familyCount = 0;
        _errorCount = 0;
        _errors = null;
        ResetFamilies();
    }

    private ExpositionParseResult End()
    {
        CloseFamily();
        if (_om && !_eofSeen)
        {
            throw new ExpositionFormatException(0, "the OpenMetrics exposition does not end with '# EOF' (truncated?)");
        }

        _sink = null!;
        return new ExpositionParseResult(_bytes, _lineNumber, _familyCount, _samples, _errorCount, _errors ?? (IReadOnlyList<ExpositionError>)[]);
    }

    /// <summary>Reports a bad line: throws in OpenMetrics, records and skips it in 0.0.4.</summary>
    private void Fail(string reason)
    {
        if (_om)
        {
            throw new ExpositionFormatException(_lineNumber, reason);
        }

        _errorCount++;
        if ((_errors ??= []).Count < MaxErrors)
        {
            _errors.Add(new ExpositionError(_lineNumber, reason));
        }
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        _lineNumber++;
        if (_eofSeen)
        {
            Fail("nothing may follow '# EOF'");
            return;
        }

        if (_om)
        {
            if (line.IndexOf((byte)'\r') >= 0)
            {
                Fail("carriage returns are not allowed in OpenMetrics");
                return;
            }
        }
        else
        {
            line = line.TrimEnd((byte)'\r').Trim(" \t"u8);
        }

        if (line.IsEmpty)
        {
            if (_om)
            {
                Fail("empty lines are not allowed in OpenMetrics");
            }

            return;
        }

        if (!Utf8.IsValid(line))
        {
            Fail("the line is not valid UTF-8");
            return;
        }

        if (line[0] == (byte)'#')
        {
            ProcessComment(line);
        }
        else
        {
            ProcessSample(line);
        }
    }

    private void ProcessComment(ReadOnlySpan<byte> line)
    {
        if (_om)
        {
            if (line.SequenceEqual("# EOF"u8))
            {
                CloseFamily();
                _eofSeen = true;
                return;
            }

            if (line.Length < 7 || !line.StartsWith("# "u8) || line[6] != (byte)' ')
            {
                Fail("OpenMetrics allows only '# HELP', '# TYPE', '# UNIT' and '# EOF' comment lines");
                return;
            }

            var keyword = line[2..6];
            var rest = line[7..];
            var space = rest.IndexOf((byte)' ');
            var name = space < 0 ? rest : rest[..space];
            var text = space < 0 ? default : rest[(space + 1)..];
            ProcessMetadata(keyword, name, text, space >= 0);
            return;
        }

        // 0.0.4: '#' then blanks, a keyword, blanks, a name, blanks, the rest. Other comments are ignored.
        var body = line[1..].TrimStart(" \t"u8);
        var keywordEnd = body.IndexOfAny(" \t"u8);
        if (keywordEnd < 0 || !(body[..keywordEnd].SequenceEqual("HELP"u8) || body[..keywordEnd].SequenceEqual("TYPE"u8)))
        {
            return;
        }

        var afterKeyword = body[keywordEnd..].TrimStart(" \t"u8);
        var nameEnd = afterKeyword.IndexOfAny(" \t"u8);
        var metric = nameEnd < 0 ? afterKeyword : afterKeyword[..nameEnd];
        var value = nameEnd < 0 ? default : afterKeyword[nameEnd..].TrimStart(" \t"u8);
        ProcessMetadata(body[..keywordEnd], metric, value, nameEnd >= 0);
    }

    private void ProcessMetadata(ReadOnlySpan<byte> keyword, ReadOnlySpan<byte> name, ReadOnlySpan<byte> text, bool hasText)
    {
        var kind = keyword.SequenceEqual("HELP"u8) ? MetadataKind.Help
            : keyword.SequenceEqual("TYPE"u8) ? MetadataKind.Type
            : keyword.SequenceEqual("UNIT"u8) ? MetadataKind.Unit
            : (MetadataKind?)null;
        if (kind is null)
        {
            Fail("OpenMetrics allows only '# HELP', '# TYPE', '# UNIT' and '# EOF' comment lines");
            return;
        }

        if (!IsMetricName(name))
        {
            Fail($"'# {kind.Value.ToString().ToUpperInvariant()}' needs a valid metric name, not '{Printable(name)}'");
            return;
        }

        if (kind != MetadataKind.Help && !hasText)
        {
            Fail($"'# {kind.Value.ToString().ToUpperInvariant()} {Printable(name)}' has no value");
            return;
        }

        if (kind == MetadataKind.Help && _om && InvalidEscape(text, allowQuote: true) is { } bad)
        {
            Fail($"the help of '{Printable(name)}' has the invalid escape '\\{(char)bad}'");
            return;
        }

        SetMetadata(kind.Value, name, text);
    }

    private void ProcessSample(ReadOnlySpan<byte> line)
    {
        if (!ExpositionText.IsMetricNameStart(line[0]))
        {
            Fail($"a sample line must start with a metric name, not '{(char)line[0]}'");
            return;
        }

        var nameEnd = line.IndexOfAnyExcept(ExpositionText.MetricNameChars);
        nameEnd = nameEnd < 0 ? line.Length : nameEnd;

        var position = nameEnd;
        var labelCount = 0;
        if (position < line.Length && line[position] == (byte)'{')
        {
            position = ParseLabels(line, position, ref _labels, out labelCount, out var labelError);
            if (labelError is not null)
            {
                Fail(labelError);
                return;
            }
        }

        var identityEnd = position;
        if (!TrySkipSeparator(line, ref position))
        {
            Fail($"expected a space and a value after '{Printable(line[..identityEnd])}'");
            return;
        }

        var valueEnd = TokenEnd(line, position);
        if (!ExpositionText.TryParseDouble(line[position..valueEnd], out var value))
        {
            Fail($"'{Printable(line[position..valueEnd])}' is not a number");
            return;
        }

        position = valueEnd;
        long? timestamp = null;
        var exemplar = default(ExemplarParse);
        if (position < line.Length)
        {
            if (!TrySkipSeparator(line, ref position))
            {
                Fail($"unexpected '{(char)line[position]}' after the value");
                return;
            }

            if (line[position] != (byte)'#')
            {
                var timestampEnd = TokenEnd(line, position);
                if (!TryParseTimestamp(line[position..timestampEnd], out var ms))
                {
                    Fail($"'{Printable(line[position..timestampEnd])}' is not a timestamp ({(_om ? "seconds" : "integer milliseconds")})");
                    return;
                }

                timestamp = ms;
                position = timestampEnd;
                if (position < line.Length && !TrySkipSeparator(line, ref position))
                {
                    Fail($"unexpected '{(char)line[position]}' after the timestamp");
                    return;
                }
            }

            if (position < line.Length)
            {
                if (!_om || line[position] != (byte)'#')
                {
                    Fail($"unexpected '{Printable(line[position..])}' at the end of the sample");
                    return;
                }

                exemplar = ParseExemplar(line, position);
                if (exemplar.Error is not null)
                {
                    Fail(exemplar.Error);
                    return;
                }
            }
        }

        AcceptSample(line, nameEnd, identityEnd, labelCount, value, timestamp, exemplar);
    }

    private ExemplarParse ParseExemplar(ReadOnlySpan<byte> line, int position)
    {
        // ' # {labels} value [timestamp]' — the caller stands on '#'.
        if (position + 2 >= line.Length || line[position + 1] != (byte)' ' || line[position + 2] != (byte)'{')
        {
            return new ExemplarParse("an exemplar must be ' # {labels} value [timestamp]'");
        }

        position = ParseLabels(line, position + 2, ref _exemplarLabels, out var count, out var error);
        if (error is not null)
        {
            return new ExemplarParse("exemplar: " + error);
        }

        var runes = 0;
        for (var i = 0; i < count; i++)
        {
            runes += CountRunes(_exemplarLabels[i].Name(line)) + CountRunes(_exemplarLabels[i].Value(line));
        }

        if (runes > ExemplarRuneBudget)
        {
            return new ExemplarParse($"the exemplar's labels have {runes} characters; at most {ExemplarRuneBudget} are allowed");
        }

        if (position >= line.Length || line[position] != (byte)' ')
        {
            return new ExemplarParse("an exemplar needs a value");
        }

        position++;
        var valueEnd = TokenEnd(line, position);
        if (!ExpositionText.TryParseDouble(line[position..valueEnd], out var value))
        {
            return new ExemplarParse($"the exemplar value '{Printable(line[position..valueEnd])}' is not a number");
        }

        long? timestamp = null;
        if (valueEnd < line.Length)
        {
            var start = valueEnd + 1;
            var end = TokenEnd(line, start);
            if (line[valueEnd] != (byte)' ' || end != line.Length || !TryParseTimestamp(line[start..end], out var ms))
            {
                return new ExemplarParse("the exemplar must end with its value and an optional timestamp in seconds");
            }

            timestamp = ms;
        }

        return new ExemplarParse(count, value, timestamp);
    }

    /// <summary>Parses <c>{name="value",...}</c> from the <c>{</c> at <paramref name="start"/>; returns the index after <c>}</c>.</summary>
    private int ParseLabels(ReadOnlySpan<byte> line, int start, ref LabelRange[] ranges, out int count, out string? error)
    {
        count = 0;
        error = null;
        var i = start + 1;
        while (true)
        {
            i = SkipBlanks(line, i);
            if (i >= line.Length)
            {
                error = "the label set is not closed with '}'";
                return i;
            }

            if (line[i] == (byte)'}')
            {
                if (_om && count > 0 && line[i - 1] == (byte)',')
                {
                    error = "OpenMetrics does not allow a ',' before '}'";
                }

                return i + 1;
            }

            if (!ExpositionText.IsLabelNameStart(line[i]))
            {
                error = $"expected a label name at column {i + 1}, found '{(char)line[i]}'";
                return i;
            }

            var nameStart = i;
            var nameLength = line[i..].IndexOfAnyExcept(ExpositionText.LabelNameChars);
            i = nameLength < 0 ? line.Length : i + nameLength;

            nameLength = i - nameStart;
            i = SkipBlanks(line, i);
            if (i + 1 >= line.Length || line[i] != (byte)'=' || line[SkipBlanks(line, i + 1)] != (byte)'"')
            {
                error = $"label '{Printable(line.Slice(nameStart, nameLength))}' must be followed by =\"value\"";
                return i;
            }

            i = SkipBlanks(line, i + 1) + 1;
            var valueStart = i;
            var escaped = false;
            while (i < line.Length)
            {
                // Jump to the next quote or backslash: most values have no escape, and the scan is vectorized.
                var stop = line[i..].IndexOfAny((byte)'"', (byte)'\\');
                if (stop < 0)
                {
                    i = line.Length;
                    break;
                }

                i += stop;
                if (line[i] == (byte)'"')
                {
                    break;
                }

                // A backslash: an escape; a trailing one leaves the value unclosed.
                if (i + 1 >= line.Length)
                {
                    i = line.Length;
                    break;
                }

                if (_om && line[i + 1] is not ((byte)'\\' or (byte)'"' or (byte)'n'))
                {
                    error = $"label '{Printable(line.Slice(nameStart, nameLength))}' has the invalid escape '\\{(char)line[i + 1]}'";
                    return i;
                }

                escaped = true;
                i += 2;
            }

            if (i >= line.Length)
            {
                error = $"the value of label '{Printable(line.Slice(nameStart, nameLength))}' is not closed with '\"'";
                return i;
            }

            var range = new LabelRange(nameStart, nameLength, valueStart, i - valueStart, escaped);
            i = SkipBlanks(line, i + 1);
            if (i < line.Length && line[i] == (byte)',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != (byte)'}')
            {
                error = $"expected ',' or '}}' after label '{Printable(range.Name(line))}'";
                return i;
            }

            if (!AddLabel(line, range, ref ranges, ref count, out error))
            {
                return i;
            }
        }
    }

    private bool AddLabel(ReadOnlySpan<byte> line, LabelRange range, ref LabelRange[] ranges, ref int count, out string? error)
    {
        error = null;
        var name = range.Name(line);
        for (var k = 0; k < count; k++)
        {
            if (ranges[k].Name(line).SequenceEqual(name))
            {
                error = $"label '{Printable(name)}' is repeated";
                return false;
            }
        }

        // An empty value is the same as no label (Prometheus and OpenMetrics agree).
        if (range.ValueLength == 0)
        {
            return true;
        }

        if (count == MaxLabels)
        {
            error = $"the sample has more than {MaxLabels} labels (ExpositionParser.MaxLabels)";
            return false;
        }

        if (count == ranges.Length)
        {
            Array.Resize(ref ranges, ranges.Length * 2);
        }

        ranges[count++] = range;
        return true;
    }

    private bool TryParseTimestamp(ReadOnlySpan<byte> text, out long milliseconds)
    {
        if (!_om)
        {
            return ExpositionText.TryParseInt64(text, out milliseconds);
        }

        milliseconds = 0;
        if (!ExpositionText.TryParseDouble(text, out var seconds) || !double.IsFinite(seconds) || Math.Abs(seconds) > 9.2e15)
        {
            return false;
        }

        milliseconds = (long)Math.Round(seconds * 1000);
        return true;
    }

    /// <summary>Skips the separator before the next token: exactly one space in OpenMetrics, one or more blanks in 0.0.4.</summary>
    private bool TrySkipSeparator(ReadOnlySpan<byte> line, ref int position)
    {
        if (position >= line.Length || line[position] is not ((byte)' ' or (byte)'\t'))
        {
            return false;
        }

        var next = _om ? position + 1 : SkipBlanks(line, position);
        if (next >= line.Length || (_om && (line[position] != (byte)' ' || line[next] == (byte)' ')))
        {
            return false;
        }

        position = next;
        return true;
    }

    private int SkipBlanks(ReadOnlySpan<byte> line, int i)
    {
        if (!_om)
        {
            while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }
        }

        return i;
    }

    private static int TokenEnd(ReadOnlySpan<byte> line, int start)
    {
        var end = line[start..].IndexOfAny(" \t"u8);
        return end < 0 ? line.Length : start + end;
    }

    private static bool IsMetricName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || !ExpositionText.IsMetricNameStart(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!ExpositionText.IsMetricNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static byte? InvalidEscape(ReadOnlySpan<byte> text, bool allowQuote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\\')
            {
                if (i + 1 >= text.Length)
                {
                    return (byte)' ';
                }

                var next = text[++i];
                if (next is not ((byte)'\\' or (byte)'n') && !(allowQuote && next == (byte)'"'))
                {
                    return next;
                }
            }
        }

        return null;
    }

    private static int CountRunes(ReadOnlySpan<byte> utf8)
    {
        var runes = 0;
        foreach (var b in utf8)
        {
            // Every byte that is not a continuation byte starts a rune.
            runes += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return runes;
    }

    /// <summary>Shows a fragment of the payload in a message: at most 64 characters.</summary>
    private static string Printable(ReadOnlySpan<byte> text)
    {
        var shown = text.Length > 64 ? text[..64] : text;
        var result = System.Text.Encoding.UTF8.GetString(shown);
        return text.Length > 64 ? result + "…" : result;
    }

    private enum MetadataKind
    {
        Help,
        Type,
        Unit,
    }

    private readonly struct ExemplarParse
    {
        public ExemplarParse(string error) => Error = error;

        public ExemplarParse(int labelCount, double value, long? timestampMs)
        {
            Present = true;
            LabelCount = labelCount;
            Value = value;
            TimestampMs = timestampMs;
        }

        public bool Present { get; }

        public int LabelCount { get; }

        public double Value { get; }

        public long? TimestampMs { get; }

        public string? Error { get; }
    }
}
