using System.Text;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>Where one label's name and value are in a line.</summary>
internal readonly record struct LabelRange(int NameStart, int NameLength, int ValueStart, int ValueLength, bool Escaped)
{
    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> line) => line.Slice(NameStart, NameLength);

    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> line) => line.Slice(ValueStart, ValueLength);

    public string UnescapedValue(ReadOnlySpan<byte> line) =>
        Escaped ? ExpositionText.Unescape(Value(line), escapesQuote: true) : Encoding.UTF8.GetString(Value(line));
}
