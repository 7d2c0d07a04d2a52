using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>Log messages of the meter bridge (event ids 2100-2199 of the metrics package's range).</summary>
internal static partial class BridgeLog
{
    [LoggerMessage(EventId = 2101, EventName = "BridgeStarted", Level = LogLevel.Information,
        Message = "The meter bridge listens to meters matching {Meters}, polling observable instruments every {Interval}")]
    public static partial void Started(ILogger logger, string[] meters, TimeSpan interval);

    [LoggerMessage(EventId = 2102, EventName = "BridgeMeasurementRefused", Level = LogLevel.Warning,
        Message = "A measurement of instrument {InstrumentName} (meter {MeterName}, metric {MetricName}) was refused: {Reason}. Refusals are counted; this is logged once per instrument")]
    public static partial void MeasurementRefused(ILogger logger, string instrumentName, string meterName, string metricName, string reason);

    [LoggerMessage(EventId = 2103, EventName = "BridgeObservableCallbackFailed", Level = LogLevel.Warning,
        Message = "An observable instrument's callback threw while the bridge polled; the other instruments were recorded. This is logged once")]
    public static partial void ObservableCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2104, EventName = "BridgeInstrumentSkipped", Level = LogLevel.Debug,
        Message = "Instrument {InstrumentName} of meter {MeterName} is a {InstrumentType}, which the bridge does not map; it is ignored")]
    public static partial void InstrumentSkipped(ILogger logger, string instrumentName, string meterName, string instrumentType);
}
