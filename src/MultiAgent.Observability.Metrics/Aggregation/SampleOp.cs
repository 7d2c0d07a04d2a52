namespace MultiAgent.Observability.Metrics;

/// <summary>What a sample asks of its series.</summary>
internal enum SampleOp : byte
{
    /// <summary>A value: gauge set, histogram/summary observation, counter cumulative observation.</summary>
    Record,

    /// <summary>An increment: counter add, gauge delta.</summary>
    Add,
}
