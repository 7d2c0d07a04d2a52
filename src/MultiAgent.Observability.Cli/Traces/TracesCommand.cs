using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MultiAgent.Observability.Cli.CommandLine;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.Cli.Traces;

/// <summary><c>multiagent traces analyze</c>: the library's trace analysis over traces exported by an OpenTelemetry Collector or Jaeger.</summary>
internal static class TracesCommand
{
    /// <summary>Creates the <c>traces</c> command and its subcommand.</summary>
    public static Command Create(HelpWriter help, Func<Stream> stdin)
    {
        var traces = new Command("traces", "Analyse multi-agent traces exported as OTLP JSON or Jaeger JSON.")
        {
            Analyze(help, stdin),
        };
        traces.SetAction(int (_) => throw new UsageException("no traces command given", traces));
        return help.WithExamples(traces, "multiagent traces analyze collector-export.jsonl");
    }

    private static Command Analyze(HelpWriter help, Func<Stream> stdin)
    {
        var file = PathInputs.File(
            "FILE",
            "The trace file; - reads standard input. OTLP JSON (the Collector's file exporter: one {\"resourceSpans\":[...]} "
            + "object per line, or one OTLP/HTTP JSON request) or Jaeger's query API JSON ({\"data\":[...]}), detected from the content.");
        var json = new Option<bool>("--json") { Description = "Print the analyses as a JSON array instead of tables.", Arity = ArgumentArity.Zero };
        var chrome = PathInputs.OutputFile(
            "--chrome-trace",
            "-c",
            "Also write the trace in the Chrome trace-event format (open in ui.perfetto.dev or chrome://tracing). Needs one trace: use --trace when the file holds several.");
        var traceId = PathInputs.Value("--trace", "TRACE_ID", "Analyse only this trace (32 hex digits).", string.Empty);
        var analyze = new Command(
            "analyze",
            "Read a trace file and print, for each trace, the analysis the library computes in-process: the agents with their "
            + "spans, self time, critical-path time and share, tokens and errors; the critical path; the agent interaction graph; "
            + "and what was wrong with the spans. The file is streamed; a file that is neither format, or is truncated, is "
            + "reported as file:line: message with the byte position.")
        {
            file,
            json,
            chrome,
            traceId,
        };
        analyze.SetAction(result => Run(
            result.GetValue(file)!,
            result.GetValue(json),
            result.GetValue(chrome),
            result.GetValue(traceId) is { Length: > 0 } id ? id : null,
            stdin,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return help.WithExamples(
            analyze,
            "multiagent traces analyze traces.jsonl",
            "curl -s localhost:16686/api/traces/4bf92f3577b34da6a3ce929d0e0e4736 | multiagent traces analyze - --json",
            "multiagent traces analyze traces.jsonl --trace 4bf92f3577b34da6a3ce929d0e0e4736 --chrome-trace trace.json");
    }

    private static int Run(string file, bool json, string? chrome, string? traceId, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var name = InputFile.DisplayName(file);
        ActivityTraceId? selected = null;
        if (traceId is not null)
        {
            if (traceId.Length != 32 || !traceId.All(char.IsAsciiHexDigit) || traceId.All(c => c == '0'))
            {
                stderr.WriteLine($"multiagent: --trace '{traceId}' is not a trace id (32 hex digits)");
                return ExitCodes.InvalidInput;
            }

            selected = ActivityTraceId.CreateFromString(traceId.ToLowerInvariant());
        }

        TraceFile trace;
        try
        {
            using var stream = InputFile.Open(file, stdin);
            trace = TraceFileReader.Read(stream);
        }
        catch (InputException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (TraceFileFormatException e)
        {
            stderr.WriteLine($"{name}:{e.LineNumber}: byte {e.BytePosition}: {e.Reason}");
            return ExitCodes.InvalidInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"{name}: cannot be read: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var traces = Group(trace.Spans, selected);
        if (traces.Count == 0)
        {
            stderr.WriteLine(selected is null ? $"{name}: the file holds no spans" : $"{name}: the file holds no span of trace {traceId}");
            return ExitCodes.InvalidInput;
        }

        if (chrome is not null && traces.Count > 1)
        {
            stderr.WriteLine($"{name}: the file holds {traces.Count} traces; choose the one for --chrome-trace with --trace TRACE_ID");
            return ExitCodes.InvalidInput;
        }

        if (chrome is not null)
        {
            try
            {
                OutputFile.Write(chrome, stream => ChromeTraceExporter.Write(traces[0], stream));
            }
            catch (Exception e) when (OutputFile.IsWriteFailure(e))
            {
                stderr.WriteLine($"multiagent: cannot write '{chrome}': {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        var analyses = traces.Select(TraceAnalyzer.Analyze).ToList();
        stdout.Write(json ? Json(analyses) : Tables(analyses));
        if (chrome is not null)
        {
            stderr.WriteLine($"wrote {traces[0].Count} spans to {chrome} (open in ui.perfetto.dev or chrome://tracing)");
        }

        return ExitCodes.Success;
    }

    /// <summary>The spans grouped by trace, in order of each trace's first span in the file.</summary>
    private static List<List<SpanData>> Group(IReadOnlyList<SpanData> spans, ActivityTraceId? selected)
    {
        var byTrace = new Dictionary<ActivityTraceId, List<SpanData>>();
        var traces = new List<List<SpanData>>();
        foreach (var span in spans)
        {
            if (selected is { } only && span.TraceId != only)
            {
                continue;
            }

            if (!byTrace.TryGetValue(span.TraceId, out var list))
            {
                byTrace.Add(span.TraceId, list = []);
                traces.Add(list);
            }

            list.Add(span);
        }

        return traces;
    }

    private static string Tables(List<TraceAnalysis> analyses)
    {
        var text = new StringBuilder();
        foreach (var analysis in analyses)
        {
            if (text.Length > 0)
            {
                text.AppendLine();
            }

            TraceAnalysisTable.Render(analysis, text);
        }

        return text.ToString();
    }

    private static string Json(List<TraceAnalysis> analyses)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var analysis in analyses)
            {
                TraceAnalysisJson.Write(analysis, writer);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }
}
