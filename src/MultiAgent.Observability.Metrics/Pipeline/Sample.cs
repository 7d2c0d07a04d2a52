using System.Runtime.InteropServices;

namespace MultiAgent.Observability.Metrics;

/// <summary>One recorded sample as it travels from a producer to the consumer: 16 bytes, no references; its time is its batch's.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Sample
{
    public double Value;
    public int Series;
    public SampleOp Op;
}

/// <summary>A producer's batch of samples, handed to the consumer in one channel write and then reused.</summary>
/// <param name="capacity">The samples it holds.</param>
/// <param name="timed">Whether it keeps a time per sample (<see cref="SampleClock.StampsEverySample"/>).</param>
internal sealed class Batch(int capacity, bool timed)
{
    public readonly Sample[] Items = new Sample[capacity];

    /// <summary>Each sample's time (Unix milliseconds) when the clock stamps every sample; otherwise null and every sample carries <see cref="TimestampMs"/>.</summary>
    public readonly long[]? Times = timed ? new long[capacity] : null;

    /// <summary>Samples in the batch, set when it leaves its producer's slot (<see cref="ProducerSlot.Swap"/>); while it is a slot's current batch the slot counts them.</summary>
    public int Count;

    /// <summary>The time of the batch's first sample (Unix milliseconds), which every sample in it carries unless <see cref="Times"/> is set.</summary>
    public long TimestampMs;
}

/// <summary>
/// One producer thread's state. The owner writes samples into <see cref="Items"/> (its <see cref="Current"/> batch's
/// array) with plain stores, bracketed by <see cref="InRecord"/>; the consumer takes a partial batch only after raising
/// <see cref="SealRequested"/>, issuing a process-wide memory barrier and seeing <see cref="InRecord"/> clear
/// (an asymmetric Dekker handshake: the rare side pays for the fence, the per-sample side pays nothing).
/// Everything the record path touches per sample is in this one object, so a sample costs one thread-static read and
/// two dependent loads before its stores.
/// </summary>
internal sealed class ProducerSlot(RecordPath path, Batch first, Thread thread)
{
    /// <summary>The record path (pipeline) the slot belongs to: a thread's cached slot is used only for its own pipeline.</summary>
    public readonly RecordPath Path = path;

    public readonly Thread Thread = thread;

    /// <summary>The batch being filled; its <see cref="Batch.Count"/> is set from <see cref="Count"/> when it leaves the slot.</summary>
    public Batch Current = first;

    /// <summary>The samples of <see cref="Current"/>.</summary>
    public Sample[] Items = first.Items;

    /// <summary>Samples written into <see cref="Current"/>; written by the owner, and by the consumer under the seal.</summary>
    public int Count;

    public int InRecord;
    public int SealRequested;
    public int PendingHandoff;

    /// <summary>
    /// Samples of this slot's batches that have left it (handed over, taken by the consumer, or dropped): with
    /// <see cref="Count"/>, every sample accepted through the slot. Written by the owner at a hand-off and by the
    /// consumer under the seal, always before <see cref="Count"/> is reset.
    /// </summary>
    public long Completed;

    /// <summary>Gets the samples accepted through this slot, from any thread: a consistent pair of <see cref="Completed"/> and <see cref="Count"/>.</summary>
    public long Accepted
    {
        get
        {
            while (true)
            {
                var completed = Volatile.Read(ref Completed);
                var count = Volatile.Read(ref Count);
                if (Volatile.Read(ref Completed) == completed)
                {
                    return completed + count;
                }
            }
        }
    }

    /// <summary>Moves the samples written so far into <see cref="Current"/> and puts <paramref name="next"/> in its place; returns the filled batch.</summary>
    public Batch Swap(Batch next)
    {
        var filled = Current;
        var count = Count;
        filled.Count = count;
        Volatile.Write(ref Completed, Completed + count);
        Current = next;
        Items = next.Items;
        Volatile.Write(ref Count, 0);
        return filled;
    }
}
