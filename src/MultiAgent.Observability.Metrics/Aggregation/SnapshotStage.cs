namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The cumulative snapshots of a histogram (bucket counts) or summary (quantile values), with sum and count, put by a
/// producer and folded in order by the consumer when a <see cref="SampleOp.Snapshot"/> sample of the series is
/// aggregated: the first such sample folds every snapshot put so far, later ones find none. Kept in order so a reset
/// between two snapshots is seen; at most <see cref="MaxPending"/> wait (more means the consumer is far behind, and the
/// oldest is dropped: the next one, cumulative, still contains its observations unless the source restarted).
/// The lock is held for a copy of a few values, by one producer and the consumer.
/// </summary>
internal sealed class SnapshotStage(int length)
{
    /// <summary>How many snapshots may wait for the consumer.</summary>
    public const int MaxPending = 64;

    private readonly Lock _lock = new();
    private readonly Queue<Snapshot> _pending = new();
    private readonly Stack<double[]> _free = new();

    public void Put(ReadOnlySpan<double> values, double sum, double count)
    {
        lock (_lock)
        {
            if (_pending.Count == MaxPending)
            {
                _free.Push(_pending.Dequeue().Values);
            }

            var copy = _free.Count > 0 ? _free.Pop() : new double[length];
            values.CopyTo(copy);
            _pending.Enqueue(new Snapshot(copy, sum, count));
        }
    }

    /// <summary>Takes the oldest snapshot put and not yet taken.</summary>
    /// <returns>False when there is none.</returns>
    public bool TryTake(Span<double> values, out double sum, out double count)
    {
        lock (_lock)
        {
            if (!_pending.TryDequeue(out var snapshot))
            {
                sum = 0;
                count = 0;
                return false;
            }

            snapshot.Values.CopyTo(values);
            _free.Push(snapshot.Values);
            sum = snapshot.Sum;
            count = snapshot.Count;
            return true;
        }
    }

    private readonly record struct Snapshot(double[] Values, double Sum, double Count);
}
