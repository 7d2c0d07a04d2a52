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

    /// <summary>Samples written; only the owning producer writes it while the batch is its current one.</summary>
    public int Count;

    /// <summary>The time of the batch's first sample (Unix milliseconds), which every sample in it carries unless <see cref="Times"/> is set.</summary>
    public long TimestampMs;
}

/// <summary>
/// One producer thread's state. The owner writes samples into <see cref="Current"/> with plain stores,
/// bracketed by <see cref="InRecord"/>; the consumer takes a partial batch only after raising
/// <see cref="SealRequested"/>, issuing a process-wide memory barrier and seeing <see cref="InRecord"/> clear
/// (an asymmetric Dekker handshake: the rare side pays for the fence, the per-sample side pays nothing).
/// </summary>
internal sealed class ProducerSlot(Batch first, Thread owner)
{
    public readonly Thread Owner = owner;
    public Batch Current = first;
    public int InRecord;
    public int SealRequested;
    public int PendingHandoff;

    /// <summary>Samples accepted through this slot; written only by the owner.</summary>
    public long Accepted;
}

/// <summary>The thread's last-used pipeline and slot, so the hot path does one thread-static read.</summary>
internal sealed class SlotCache
{
    public object? Owner;
    public ProducerSlot? Slot;
}
