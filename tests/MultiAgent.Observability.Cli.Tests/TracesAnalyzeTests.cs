using System.Diagnostics;
using System.Text.Json;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.Cli.Tests;

public sealed class TracesAnalyzeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static SpanData Span(string trace, int id, int? parent, double startMs, double endMs, string? agent, string operation, params (string Key, object? Value)[] attributes)
    {
        var tags = new List<KeyValuePair<string, object?>> { new("gen_ai.operation.name", operation) };
        if (agent is not null)
        {
            tags.Add(new("gen_ai.agent.name", agent));
        }

        tags.AddRange(attributes.Select(a => new KeyValuePair<string, object?>(a.Key, a.Value)));
        return new SpanData
        {
            TraceId = ActivityTraceId.CreateFromString(trace),
            SpanId = ActivitySpanId.CreateFromString($"{id:x16}"),
            ParentSpanId = parent is { } p ? ActivitySpanId.CreateFromString($"{p:x16}") : default,
            Name = operation + " " + (agent ?? "tool"),
            SourceName = "test",
            StartTime = T0.AddMilliseconds(startMs),
            EndTime = T0.AddMilliseconds(endMs),
            Attributes = tags,
        };
    }

    internal static IReadOnlyList<SpanData> Conversation(string trace = "0af7651916cd43dd8448eb211c80319c") =>
    [
        Span(trace, 1, null, 0, 100, "Planner", "invoke_agent"),
        Span(trace, 2, 1, 5, 40, null, "chat", ("gen_ai.usage.input_tokens", 50L), ("gen_ai.usage.output_tokens", 7L)),
        Span(trace, 3, 1, 45, 95, null, "execute_tool"),
        Span(trace, 4, 3, 50, 90, "Writer", "invoke_agent"),
    ];

    private string WriteOtlp(IEnumerable<SpanData> spans, string name = "spans.jsonl")
    {
        var file = _temp.Combine(name);
        using var stream = File.Create(file);
        OtlpJsonWriter.Write(spans, stream);
        return file;
    }

    [Fact]
    public void Analyze_OurSpansThroughOtlpJson_PrintsTheLibrarysTable()
    {
        var spans = Conversation();
        var file = WriteOtlp(spans);

        var run = CliRun.Of("traces", "analyze", file);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(TraceAnalysisTable.Render(TraceAnalyzer.Analyze(spans)), run.Stdout);
        Assert.Contains("Planner -> Writer: 1 call(s), 0 error(s)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Json_PrintsAnArrayOfTheLibrarysJson()
    {
        var spans = Conversation();
        var file = WriteOtlp(spans);

        var run = CliRun.Of("traces", "analyze", file, "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var analysis = Assert.Single(document.RootElement.EnumerateArray());
        using var expected = JsonDocument.Parse(TraceAnalysisJson.Serialize(TraceAnalyzer.Analyze(spans)));
        Assert.True(JsonElement.DeepEquals(expected.RootElement, analysis));
    }

    [Fact]
    public void Analyze_JaegerAndCollectorFiles_PrintTheMultiAgentTables()
    {
        var jaeger = CliRun.Of("traces", "analyze", TestData.Traces("jaeger-multi-agent.json"));
        var collector = CliRun.Of("traces", "analyze", TestData.Traces("collector-file-exporter.jsonl"));
        var example = CliRun.Of("traces", "analyze", TestData.Traces("otlp-example-trace.json"));

        Assert.Equal(0, jaeger.ExitCode);
        Assert.Contains("Coordinator -> Researcher: 1 call(s), 1 error(s)", jaeger.Stdout, StringComparison.Ordinal);
        Assert.Contains("Trace:    4bf92f3577b34da6a3ce929d0e0e4736  5 spans  1000.0 ms  complete=True", jaeger.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, collector.ExitCode);
        Assert.Contains("Coordinator -> Researcher: 1 call(s), 1 error(s)", collector.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, example.ExitCode);
        Assert.Contains("my.service", example.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SeveralTraces_PrintsOneTableEachAndTraceSelectsOne()
    {
        const string Second = "4bf92f3577b34da6a3ce929d0e0e4736";
        var file = WriteOtlp([.. Conversation(), .. Conversation(Second)]);

        var all = CliRun.Of("traces", "analyze", file);
        var one = CliRun.Of("traces", "analyze", file, "--trace", Second.ToUpperInvariant());
        var none = CliRun.Of("traces", "analyze", file, "--trace", "11111111111111111111111111111111");

        Assert.Equal(2, all.Stdout.Split("Trace:    ").Length - 1);
        Assert.Equal(0, one.ExitCode);
        Assert.StartsWith($"Trace:    {Second}", one.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("holds no span of trace", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ChromeTrace_WritesTheFileWholeAndNeedsOneTrace()
    {
        var file = WriteOtlp(Conversation());
        var two = WriteOtlp([.. Conversation(), .. Conversation("4bf92f3577b34da6a3ce929d0e0e4736")], "two.jsonl");
        var output = _temp.Combine("trace.json");
        var refused = _temp.Combine("refused.json");

        var run = CliRun.Of("traces", "analyze", file, "--chrome-trace", output);
        var ambiguous = CliRun.Of("traces", "analyze", two, "--chrome-trace", refused);

        Assert.Equal(0, run.ExitCode);
        using var chrome = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(4, chrome.RootElement.GetProperty("traceEvents").EnumerateArray().Count(e => e.GetProperty("ph").GetString() == "X"));
        Assert.Contains($"wrote 4 spans to {output}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("holds 2 traces; choose the one for --chrome-trace with --trace TRACE_ID", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(refused));
        Assert.Equal(3, Directory.GetFiles(_temp.Path).Length);
    }

    [Theory]
    [InlineData("", "x.json:1: byte 0: the file holds no JSON value")]
    [InlineData("hello", "x.json:1: byte 0: not valid JSON")]
    [InlineData("{\"traces\":[]}", "x.json:1: byte 12: the object has neither 'resourceSpans' nor 'data'")]
    [InlineData("{\"resourceSpans\":[]}\n{\"resourceSpans\":[{\"scopeSpans\":[", "x.json:2: byte 54: the file ends inside a JSON value (truncated?)")]
    [InlineData("{\"data\":[{\"spans\":[{\"traceID\":\"zz\"}]}]}", "x.json:1: byte 30: traceID 'zz' is not 16 or 32 hex digits")]
    public void Analyze_BadFile_Exits1WithFileLineAndBytePosition(string content, string expected)
    {
        var file = _temp.Write("x.json", content);

        var run = CliRun.Of("traces", "analyze", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(_temp.Path + "/" + expected, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Analyze_StandardInputAndMissingFile()
    {
        var stdin = CliRun.WithInput(File.ReadAllBytes(TestData.Traces("jaeger-multi-agent.json")), "traces", "analyze", "-");
        var missing = CliRun.Of("traces", "analyze", _temp.Combine("none.json"));
        var empty = CliRun.WithInput("{\"data\":[]}"u8.ToArray(), "traces", "analyze", "-");

        Assert.Equal(0, stdin.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("cannot be read", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal((1, "<stdin>: the file holds no spans"), (empty.ExitCode, empty.Stderr.Trim()));
    }

    [Theory]
    [InlineData(new[] { "traces" }, "no traces command given")]
    [InlineData(new[] { "traces", "analyze" }, "missing the FILE argument")]
    [InlineData(new[] { "traces", "analyze", "a.json", "--chrome-trace" }, "option '--chrome-trace' needs a value")]
    [InlineData(new[] { "traces", "analyze", "a.json", "--json=true" }, "option '--json' takes no value")]
    [InlineData(new[] { "traces", "analyze", "a.json", "--trace", "" }, "option '--trace' needs a value")]
    public void Run_UsageError_Exits2(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("multiagent: " + message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_BadTraceId_Exits1()
    {
        var run = CliRun.Of("traces", "analyze", WriteOtlp(Conversation()), "--trace", "xyz");

        Assert.Equal((1, "multiagent: --trace 'xyz' is not a trace id (32 hex digits)"), (run.ExitCode, run.Stderr.Trim()));
    }
}
