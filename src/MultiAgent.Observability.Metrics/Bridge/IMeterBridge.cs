namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>The running <see cref="System.Diagnostics.Metrics.MeterListener"/> bridge, added by <c>AddMeterBridge</c>.</summary>
public interface IMeterBridge
{
    /// <summary>Gets the bridge's accounting.</summary>
    /// <returns>A snapshot.</returns>
    BridgeStatistics GetStatistics();

    /// <summary>Polls every bridged observable instrument now, besides the regular <see cref="MeterBridgeOptions.ObservableInterval"/> polls (for example just before a scrape). Never throws: failing callbacks are logged.</summary>
    void RecordObservableInstruments();
}
