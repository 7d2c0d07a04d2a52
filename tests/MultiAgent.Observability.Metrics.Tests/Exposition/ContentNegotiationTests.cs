using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

public sealed class ContentNegotiationTests
{
    private const string Prometheus2 = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private const string Prometheus3 = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    /// <summary>Each rule of the negotiation: the header, then the format, or null for "nothing acceptable" (406).</summary>
    public static TheoryData<string?, ExpositionFormat?> Rules => new()
    {
        // A missing or empty header, or one accepting anything, is the text format.
        { null, ExpositionFormat.PrometheusText004 },
        { "", ExpositionFormat.PrometheusText004 },
        { "  ", ExpositionFormat.PrometheusText004 },
        { " , ,", ExpositionFormat.PrometheusText004 },
        { "*/*", ExpositionFormat.PrometheusText004 },
        { "text/*", ExpositionFormat.PrometheusText004 },
        { "text/plain", ExpositionFormat.PrometheusText004 },
        { "TEXT/Plain; Version=0.0.4", ExpositionFormat.PrometheusText004 },

        // OpenMetrics when named with a supported version and a q at least the text format's.
        { "application/openmetrics-text", ExpositionFormat.OpenMetrics100 },
        { "application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics100 },
        { "application/openmetrics-text;version=\"1.0.0\"", ExpositionFormat.OpenMetrics100 },
        { Prometheus2, ExpositionFormat.OpenMetrics100 },
        { Prometheus3, ExpositionFormat.OpenMetrics100 },
        { "text/plain;version=0.0.4;q=0.5,application/openmetrics-text;q=0.5", ExpositionFormat.OpenMetrics100 },
        { "application/*", ExpositionFormat.OpenMetrics100 },
        { "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5", ExpositionFormat.PrometheusText004 },
        { "*/*;q=0.5,application/openmetrics-text;q=0.4", ExpositionFormat.PrometheusText004 },
        { "application/openmetrics-text;version=0.0.1,text/plain;version=0.0.4;q=0.5", ExpositionFormat.PrometheusText004 },

        // q=0 excludes, also against a less specific range that accepts.
        { "application/openmetrics-text;version=1.0.0;q=0", null },
        { "text/plain;q=0", null },
        { "text/plain;q=0.000", null },
        { "text/plain;q=0, */*", ExpositionFormat.OpenMetrics100 },
        { "application/openmetrics-text;q=0, */*", ExpositionFormat.PrometheusText004 },

        // A parsable header that accepts neither format.
        { "application/json", null },
        { "text/html, application/xml;q=0.9", null },
        { "application/openmetrics-text;version=0.0.1", null },
        { "text/plain;version=1.0.0", null },

        // An unparsable header is ignored: the text format, never a 406.
        { "this is not a media range", ExpositionFormat.PrometheusText004 },
        { ";;,=,q=x", ExpositionFormat.PrometheusText004 },
        { "application/json;q=2", ExpositionFormat.PrometheusText004 },
        { "application/json;q=0.1234", ExpositionFormat.PrometheusText004 },
        { "application/json;charset=\"utf-8", ExpositionFormat.PrometheusText004 },
        { "*/json", ExpositionFormat.PrometheusText004 },
        { "application/json,", null },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void TryNegotiateFormat_AcceptHeader_FormatOrNothingAcceptable(string? accept, ExpositionFormat? expected)
    {
        var acceptable = PrometheusExpositionWriter.TryNegotiateFormat(accept, out var format);

        Assert.Equal(expected is not null, acceptable);
        Assert.Equal(expected ?? ExpositionFormat.PrometheusText004, format);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void SelectFormat_AcceptHeader_NegotiatedFormatOrText(string? accept, ExpositionFormat? expected)
    {
        Assert.Equal(expected ?? ExpositionFormat.PrometheusText004, PrometheusExpositionWriter.SelectFormat(accept));
    }
}
