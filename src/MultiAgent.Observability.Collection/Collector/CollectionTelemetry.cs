using System.Diagnostics.Metrics;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection;

/// <summary>Collection's own health on the <c>MultiAgent.Observability</c> meter: scrapes and probes by outcome, their duration, and refused samples.</summary>
internal sealed class CollectionTelemetry : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _badLines;

    public CollectionTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(PipelineTelemetry.MeterName);
        _requests = _meter.CreateCounter<long>("multiagent.collection.requests", "{request}", "Scrapes and health probes, by kind and outcome.");
        _duration = _meter.CreateHistogram<double>("multiagent.collection.request.duration", "s", "How long scrapes and health probes took.");
        _refused = _meter.CreateCounter<long>("multiagent.collection.samples.refused", "{sample}", "Scraped samples refused (label too long, invalid, kind conflict, series cap).");
        _badLines = _meter.CreateCounter<long>("multiagent.collection.lines.bad", "{line}", "Bad lines skipped in text format 0.0.4 payloads.");
    }

    public void Completed(in ScrapeReport report, bool health)
    {
        var kind = new KeyValuePair<string, object?>("kind", health ? "health" : "scrape");
        var outcome = new KeyValuePair<string, object?>("outcome", OutcomeName(report.Outcome));
        _requests.Add(1, kind, outcome);
        _duration.Record(report.Duration.TotalSeconds, kind, outcome);
        if (report.Refused > 0)
        {
            _refused.Add(report.Refused);
        }

        if (report.BadLines > 0)
        {
            _badLines.Add(report.BadLines);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static string OutcomeName(ScrapeOutcome outcome) => outcome switch
    {
        ScrapeOutcome.Success => "success",
        ScrapeOutcome.HttpError => "http_error",
        ScrapeOutcome.ConnectionFailed => "connection_failed",
        ScrapeOutcome.Timeout => "timeout",
        ScrapeOutcome.BodyTooLarge => "body_too_large",
        ScrapeOutcome.InvalidPayload => "invalid_payload",
        ScrapeOutcome.UnsupportedContentType => "unsupported_content_type",
        ScrapeOutcome.SampleLimitExceeded => "sample_limit_exceeded",
        _ => "url_not_allowed",
    };
}
