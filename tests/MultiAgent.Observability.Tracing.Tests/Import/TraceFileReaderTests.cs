using System.Diagnostics;
using System.Text;
using MultiAgent.Observability.Testing;

namespace MultiAgent.Observability.Tracing.Tests;

public sealed class TraceFileReaderTests
{
    private static readonly ActivityTraceId MultiAgentTrace = ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736");

    public static string TestData(string name) =>
        Path.Combine(Peers.RepoRoot, "tests", "MultiAgent.Observability.Tracing.Tests", "Import", "TestData", name);

    private static TraceFile ReadFile(string name)
    {
        using var stream = File.OpenRead(TestData(name));
        return TraceFileReader.Read(stream);
    }

    private static TraceFile ReadText(string text, TraceFileReaderOptions? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return TraceFileReader.Read(stream, options ?? new TraceFileReaderOptions());
    }

    private static TraceFileFormatException Fails(string text) => Assert.Throws<TraceFileFormatException>(() => ReadText(text));

    private static object? Attribute(SpanData span, string key) => span.Attributes.Single(a => a.Key == key).Value;

    [Fact]
    public void Read_OpenTelemetryProtoExample_ReadsTheServerSpanWithUppercaseHexIds()
    {
        var file = ReadFile("otlp-example-trace.json");

        Assert.Equal(TraceFileFormat.OtlpJson, file.Format);
        var span = Assert.Single(file.Spans);
        Assert.Equal("5b8efff798038103d269b633813fc60c", span.TraceId.ToHexString());
        Assert.Equal("eee19b7ec3c1b174", span.SpanId.ToHexString());
        Assert.Equal("eee19b7ec3c1b173", span.ParentSpanId.ToHexString());
        Assert.Equal("I'm a server span", span.Name);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("my.library", span.SourceName);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1544712660000), span.StartTime);
        Assert.Equal(TimeSpan.FromSeconds(1), span.Duration);
        Assert.Equal("some value", Attribute(span, "my.span.attr"));
        Assert.Equal("my.service", Attribute(span, "service.name"));
    }

    [Fact]
    public void Read_JaegerExport_ReadsParentsTimesServicesKindAndStatus()
    {
        var file = ReadFile("jaeger-multi-agent.json");

        Assert.Equal(TraceFileFormat.JaegerJson, file.Format);
        Assert.Equal(5, file.Spans.Count);
        Assert.All(file.Spans, s => Assert.Equal(MultiAgentTrace, s.TraceId));
        var dispatch = file.Spans[0];
        Assert.Equal(default, dispatch.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, dispatch.Kind);
        Assert.Equal("Dispatcher", dispatch.SourceName);
        Assert.Equal("dispatcher", Attribute(dispatch, "service.name"));
        Assert.DoesNotContain(dispatch.Attributes, a => a.Key is "span.kind" or "otel.scope.name");
        var chat = file.Spans[2];
        Assert.Equal("00f067aa0ba902b8", chat.ParentSpanId.ToHexString());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764417600150), chat.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(200), chat.Duration);
        Assert.Equal(120L, Attribute(chat, "gen_ai.usage.input_tokens"));
        var researcher = file.Spans[4];
        Assert.Equal(ActivityStatusCode.Error, researcher.Status);
        Assert.Equal("search backend timed out", researcher.StatusDescription);
        Assert.Equal(1.0, Attribute(researcher, "retry.ratio"));
        Assert.Equal("researcher", Attribute(researcher, "service.name"));
    }

    [Fact]
    public void Read_CollectorFileExporterLines_ReadsEveryLineAndEveryResource()
    {
        var file = ReadFile("collector-file-exporter.jsonl");

        Assert.Equal(TraceFileFormat.OtlpJson, file.Format);
        Assert.Equal(["00f067aa0ba902b8", "00f067aa0ba902b9", "00f067aa0ba902b7", "00f067aa0ba902bb"], file.Spans.Select(s => s.SpanId.ToHexString()));
        var chat = file.Spans[1];
        Assert.Equal(ActivityKind.Client, chat.Kind);
        Assert.Equal(ActivityStatusCode.Ok, chat.Status);
        Assert.Equal(120L, Attribute(chat, "gen_ai.usage.input_tokens"));
        Assert.Equal(new[] { "stop" }, Attribute(chat, "gen_ai.response.finish_reasons"));
        Assert.Equal("Experimental.Microsoft.Agents.AI", chat.SourceName);
        var researcher = file.Spans[3];
        Assert.Equal((ActivityStatusCode.Error, "search backend timed out"), (researcher.Status, researcher.StatusDescription));
        Assert.Equal("researcher", Attribute(researcher, "service.name"));
        Assert.Equal(false, Attribute(researcher, "cached"));
    }

    [Fact]
    public void Read_JaegerAndCollectorFilesOfTheSameTrace_AnalyseAlike()
    {
        var jaeger = TraceAnalyzer.Analyze(ReadFile("jaeger-multi-agent.json").Spans);

        Assert.True(jaeger.IsComplete);
        Assert.Equal(1000, jaeger.DurationMs);
        Assert.Equal(["Coordinator", "Researcher", "dispatcher"], jaeger.Agents.Select(a => a.Agent));
        var collector = TraceAnalyzer.Analyze(ReadFile("collector-file-exporter.jsonl").Spans);
        Assert.Equal(jaeger.Agents.Select(a => (a.Agent, a.SpanCount - (a.Agent == "Coordinator" ? 1 : 0), a.InputTokens)), collector.Agents.Select(a => (a.Agent, a.SpanCount, a.InputTokens)));
        Assert.Equal((120L, 30L), (jaeger.InputTokens, jaeger.OutputTokens));
        Assert.Contains(jaeger.Graph.Edges, e => e.Caller == "Coordinator" && e.Callee == "Researcher" && e.Errors == 1);
    }

    [Theory]
    [InlineData("", 1, 0, "the file holds no JSON value")]
    [InlineData("   \n  ", 2, 6, "the file holds no JSON value")]
    [InlineData("[1,2]", 1, 0, "not a JSON object")]
    [InlineData("{\"spans\":[]}", 1, 11, "the object has neither 'resourceSpans' nor 'data'")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"", 1, 54, "traceId 'xyz' is not 32 hex digits")]
    [InlineData("{\"resourceSpans\":[]}\n{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\"", 2, 74, "the file ends inside a JSON value (truncated?)")]
    [InlineData("{\"resourceSpans\":[]}\n{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"4bf92f3577b34da6a3ce9", 2, 75, "the file ends inside a JSON value (truncated?)")]
    [InlineData("{\"resourceSpans\":[]}\nnot json", 2, 21, "not valid JSON")]
    [InlineData("{\"data\":[{\"spans\":[{\"spanID\":\"00f067aa0ba902b7\",\"startTime\":1}]}]}", 1, 63, "the span '' that starts at byte 19 has no trace id")]
    [InlineData("{\"data\":[{\"spans\":[{\"traceID\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanID\":\"00f067aa0ba902b7\",\"startTime\":\"soon\"}]}]}", 1, 105, "'startTime' must be an integer")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"1.5\"}}]}]}]}]}", 1, 89, "the intValue of attribute 'n' is not a 64-bit integer")]
    [InlineData("{\"resourceSpans\":{}}", 1, 17, "'resourceSpans' must be an array, not an object")]
    public void Read_BadContent_FailsWithLineBytePositionAndReason(string text, int line, long position, string reason)
    {
        var e = Fails(text);

        Assert.StartsWith(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal((line, position), (e.LineNumber, e.BytePosition));
        Assert.StartsWith($"line {line}, byte {position}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedAnywhere_SaysTruncatedOrInvalidNeverAnotherException()
    {
        var bytes = File.ReadAllBytes(TestData("jaeger-multi-agent.json"));
        var truncated = 0;
        for (var length = 1; length < bytes.Length - 10; length += 7)
        {
            using var stream = new MemoryStream(bytes, 0, length);
            var e = Assert.Throws<TraceFileFormatException>(() => TraceFileReader.Read(stream));
            truncated += e.Reason.Contains("truncated", StringComparison.Ordinal) ? 1 : 0;
            Assert.InRange(e.BytePosition, 0, length);
        }

        Assert.True(truncated > 100, $"only {truncated} cuts were reported as truncated");
    }

    [Fact]
    public void Read_TooManySpans_FailsNamingTheLimit()
    {
        var spans = string.Join(',', Enumerable.Range(1, 3).Select(i => $"{{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"{i:x16}\",\"startTimeUnixNano\":\"1\"}}"));

        var e = Assert.Throws<TraceFileFormatException>(() => ReadText($"{{\"resourceSpans\":[{{\"scopeSpans\":[{{\"spans\":[{spans}]}}]}}]}}", new TraceFileReaderOptions { MaxSpans = 2 }));

        Assert.Contains("more than 2 spans (TraceFileReaderOptions.MaxSpans)", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TokenLongerThanTheLimit_FailsInsteadOfGrowingTheBuffer()
    {
        var text = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"" + new string('x', 5000) + "\"}]}]}]}";

        var e = Assert.Throws<TraceFileFormatException>(() => ReadText(text, new TraceFileReaderOptions { MaxTokenBytes = 2048 }));

        Assert.Contains("longer than 2048 bytes", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByteOrderMarkEscapesAndNumbersAsNumbers_AreAccepted()
    {
        var text = "\uFEFF{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
            + "\"name\":\"caf\\u00e9\",\"kind\":\"SPAN_KIND_CLIENT\",\"startTimeUnixNano\":1000,\"endTimeUnixNano\":3000,"
            + "\"attributes\":[{\"value\":{\"doubleValue\":\"NaN\"},\"key\":\"x\"},{\"key\":\"n\",\"value\":{\"intValue\":7}},{\"key\":\"none\",\"value\":{}}],"
            + "\"status\":{\"code\":\"STATUS_CODE_ERROR\"}}]}]}]}";

        var span = Assert.Single(ReadText(text).Spans);

        Assert.Equal("café", span.Name);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(TimeSpan.FromTicks(20), span.Duration);
        Assert.True(double.IsNaN((double)Attribute(span, "x")!));
        Assert.Equal(7L, Attribute(span, "n"));
        Assert.Null(Attribute(span, "none"));
    }
}
