namespace MultiAgent.Observability.Metrics;

/// <summary>What a sample asks of its series.</summary>
internal enum SampleOp : byte
{
    /// <summary>A value: gauge set, histogram/summary observation, counter cumulative observation.</summary>
    Record,

    /// <summary>An increment: counter add, gauge delta.</summary>
    Add,

    /// <summary>
    /// Fold the cumulative histogram or summary snapshot staged on the series (<see cref="SnapshotStage"/>); the value
    /// is the snapshot's observation count.
    /// </summary>
    Snapshot,
}
