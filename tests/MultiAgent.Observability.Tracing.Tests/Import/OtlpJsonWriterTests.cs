using System.Diagnostics;
using System.Text.Json;
using CsCheck;
using static MultiAgent.Observability.Tracing.Tests.TestSpans;

namespace MultiAgent.Observability.Tracing.Tests;

public sealed class OtlpJsonWriterTests
{
    private static readonly Gen<object?> Value = Gen.OneOf<object?>(
        Gen.String.Select(s => (object?)s),
        Gen.Long.Select(l => (object?)l),
        Gen.Double.Select(d => (object?)d),
        Gen.Bool.Select(b => (object?)b),
        Gen.String.Array[0, 3].Select(a => (object?)a),
        Gen.Long.Array[1, 3].Select(a => (object?)a),
        Gen.Const(0).Select(_ => (object?)null));

    private static readonly Gen<SpanData> Spans =
        from id in Gen.Long[1, long.MaxValue]
        from parent in Gen.Long[0, 1000]
        from startTicks in Gen.Long[0, 100L * 365 * TimeSpan.TicksPerDay]
        from duration in Gen.Long[-1, TimeSpan.TicksPerHour]
        from kind in Gen.Int[0, 4]
        from status in Gen.Int[0, 2]
        from description in Gen.String.Null()
        from name in Gen.String
        from source in Gen.OneOf(Gen.Const(""), Gen.Const("Experimental.Microsoft.Agents.AI"), Gen.String)
        from attributes in Gen.Select(Gen.String[1, 20], Value).Array[0, 5]
        select new SpanData
        {
            TraceId = TraceId,
            SpanId = ActivitySpanId.CreateFromString(id.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)),
            ParentSpanId = parent == 0 ? default : Id((int)parent),
            Name = name,
            SourceName = source,
            Kind = (ActivityKind)kind,
            StartTime = DateTimeOffset.UnixEpoch.AddTicks(startTicks),
            EndTime = duration < 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(startTicks + duration),
            Status = (ActivityStatusCode)status,
            StatusDescription = description,
            Attributes = [.. attributes.Select(a => new KeyValuePair<string, object?>(a.Item1, a.Item2))],
        };

    private static IReadOnlyList<SpanData> RoundTrip(IReadOnlyList<SpanData> spans)
    {
        using var stream = new MemoryStream();
        OtlpJsonWriter.Write(spans, stream);
        stream.Position = 0;
        return TraceFileReader.Read(stream).Spans;
    }

    private static void AssertSameSpans(IReadOnlyList<SpanData> expected, IReadOnlyList<SpanData> actual)
    {
        Assert.Equal(expected.Count, actual.Count);

        // The writer groups spans by source (one OTLP scope each, in order of first appearance); within a scope the order is kept.
        foreach (var (e, a) in expected.GroupBy(s => s.SourceName, StringComparer.Ordinal).SelectMany(g => g).Zip(actual))
        {
            Assert.Equal(e with { Attributes = [] }, a with { Attributes = [] });
            Assert.Equal(e.Attributes.Count, a.Attributes.Count);
            foreach (var (ea, aa) in e.Attributes.Zip(a.Attributes))
            {
                Assert.Equal(ea.Key, aa.Key);
                Assert.Equal(ea.Value, aa.Value);
            }
        }
    }

    [Fact]
    public void Write_ThenRead_GivesEqualSpans()
    {
        IReadOnlyList<SpanData> spans =
        [
            Span(1, null, 0, 100, "Planner", "invoke_agent", kind: ActivityKind.Server),
            Span(2, 1, 10.5, 40.25, operation: "chat", status: ActivityStatusCode.Error, attributes: [("gen_ai.usage.input_tokens", 12L), ("ratio", 0.5), ("finish", new[] { "stop", "length" }), ("cached", true)]),
            Span(3, 1, 50, null, "Writer", "invoke_agent", kind: ActivityKind.Consumer, attributes: [("nan", double.NaN), ("inf", double.NegativeInfinity), ("none", null)]),
        ];

        AssertSameSpans(spans, RoundTrip(spans));
    }

    [Fact]
    public void Write_RandomSpans_RoundTripsExactly()
    {
        Spans.List[0, 8].Sample(spans => AssertSameSpans(spans, RoundTrip(spans)), iter: 300);
    }

    [Fact]
    public void Write_TwiceToOneStream_IsOneOtlpObjectPerLine()
    {
        using var stream = new MemoryStream();
        OtlpJsonWriter.Write([Span(1, null, 0, 10)], stream);
        OtlpJsonWriter.Write([Span(2, 1, 1, 5, attributes: [("n", 3)])], stream);

        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        var span = second.RootElement.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0];
        Assert.Equal(Hex(2), span.GetProperty("spanId").GetString());
        Assert.Equal(((T0.AddMilliseconds(1) - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(System.Globalization.CultureInfo.InvariantCulture), span.GetProperty("startTimeUnixNano").GetString());
        Assert.Equal("3", span.GetProperty("attributes")[0].GetProperty("value").GetProperty("intValue").GetString());
        stream.Position = 0;
        Assert.Equal(2, TraceFileReader.Read(stream).Spans.Count);
    }
}
