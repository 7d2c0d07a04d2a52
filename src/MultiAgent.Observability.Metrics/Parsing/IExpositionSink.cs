namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>
/// Receives what <see cref="ExpositionParser"/> reads, in payload order. The values passed are views into the
/// parser's buffers, valid only during the call: copy what you keep.
/// </summary>
/// <remarks>
/// In OpenMetrics an error anywhere makes the whole exposition invalid, and the parser throws
/// <see cref="ExpositionFormatException"/> after the sink may already have seen earlier samples: a sink that must not
/// apply a partial exposition stages what it receives and commits when the parse returns.
/// </remarks>
public interface IExpositionSink
{
    /// <summary>Called once per metric family, before its first sample (or alone, for a family without samples).</summary>
    /// <param name="family">The family.</param>
    void OnFamily(in ExpositionFamily family);

    /// <summary>Called for every valid sample.</summary>
    /// <param name="sample">The sample.</param>
    void OnSample(in ExpositionSample sample);
}
