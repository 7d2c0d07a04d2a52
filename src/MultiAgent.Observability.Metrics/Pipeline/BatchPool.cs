namespace MultiAgent.Observability.Metrics;

/// <summary>
/// Empty batches for reuse, last returned first out: the batch the consumer has just emptied is the one a producer
/// writes next, while its lines are still in a cache (a first-in-first-out pool hands out the coldest batch).
/// One lock acquisition per batch on each side, so a few nanoseconds per 512 samples.
/// </summary>
/// <param name="batchSize">The samples a batch holds.</param>
/// <param name="timed">Whether batches keep a time per sample (<see cref="SampleClock.StampsEverySample"/>).</param>
internal sealed class BatchPool(int batchSize, bool timed)
{
    private readonly Lock _lock = new();
    private Batch[] _batches = new Batch[16];
    private int _count;

    public Batch Rent()
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                var batch = _batches[--_count];
                _batches[_count] = null!;
                return batch;
            }
        }

        return new Batch(batchSize, timed);
    }

    public void Return(Batch batch)
    {
        batch.Count = 0;
        lock (_lock)
        {
            if (_count == _batches.Length)
            {
                // Grows only until it holds every batch in circulation (the queue's capacity plus the producers' own).
                Array.Resize(ref _batches, _count * 2);
            }

            _batches[_count++] = batch;
        }
    }
}
