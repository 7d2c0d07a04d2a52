using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Where the trace store keeps its spans: fixed-size structs in chunked arrays, reused through free lists, with
/// ids held as numbers (an <see cref="ActivitySpanId"/> is a hex string inside) and attribute values of the common
/// primitive types held unboxed. A span the collector records therefore leaves no object of its own on the heap. Why:
/// a store that keeps a hundred thousand spans as four or more objects each (record, id string, attribute array, boxed
/// numbers) made every garbage collection promote and mark them, which cost well over a microsecond per span on the
/// instrumented threads. Not thread-safe: the store calls it under its lock.
/// Memory is reused, never returned: the arrays stay at the high-water mark, which the store's limits bound. Every span
/// obeys the <see cref="SpanLimits"/> and the slab keeps an upper estimate of the bytes its spans hold (<see cref="Bytes"/>),
/// which the store holds within <see cref="AgentTracingOptions.MaxStoreBytes"/>.
/// </summary>
internal sealed class SpanSlab
{
    public const int None = -1;

    // 1,024 span slots (about 100 KB) per chunk: chunks are never moved, so a ref to a slot stays valid while others grow.
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private static readonly object s_true = true;
    private static readonly object s_false = false;

    // Estimated heap cost of a slot: the struct itself and the store's span-id dictionary entry (key, value, hash, next, bucket).
    public static readonly int SpanSlotBytes = Unsafe.SizeOf<SpanSlot>() + 32;
    private static readonly int AttributeSlotBytes = Unsafe.SizeOf<AttributeSlot>();

    private readonly SpanLimits _limits;
    private SpanSlot[][] _spanChunks = [];
    private int _spanHighWater;
    private int _freeSpan = None;
    private AttributeSlot[][] _attributeChunks = [];
    private int _attributeHighWater;
    private int _freeAttribute = None;

    public SpanSlab(SpanLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    private enum ValueKind : byte
    {
        Reference,
        Int64,
        Int32,
        Double,
        Boolean,
    }

    /// <summary>Gets the most one span can cost in <see cref="Bytes"/> under the limits.</summary>
    public long MaxSpanBytes => _limits.MaxSpanBytes(SpanSlotBytes);

    /// <summary>
    /// Gets the estimated bytes of the spans held: per span its slot, its attribute slots and the strings and arrays it
    /// holds, each string counted for every span that holds it (an upper bound).
    /// </summary>
    public long Bytes { get; private set; }

    public ref SpanSlot this[int index] => ref _spanChunks[index >> ChunkShift][index & ChunkMask];

    /// <summary>The span id as a number; <see langword="default"/> (no id) is 0, which no valid W3C span id is.</summary>
    public static ulong Key(ActivitySpanId spanId)
    {
        if (spanId == default)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[8];
        spanId.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    private static ActivitySpanId SpanId(ulong key)
    {
        if (key == 0)
        {
            return default;
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, key);
        return ActivitySpanId.CreateFromBytes(bytes);
    }

    /// <summary>The trace id as a number; <see langword="default"/> (no id) is 0.</summary>
    public static UInt128 TraceKey(ActivityTraceId traceId)
    {
        if (traceId == default)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[16];
        traceId.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static ActivityTraceId TraceId(UInt128 key)
    {
        if (key == 0)
        {
            return default;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, key);
        return ActivityTraceId.CreateFromBytes(bytes);
    }

    /// <summary>Takes a slot and fills it with a copy of a stopped activity. Nothing is taken when reading the activity throws.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="traceKey">Its trace id as <see cref="TraceKey"/> gives it, which the store already has.</param>
    /// <param name="limited">Adds the values truncated and the attributes dropped by the <see cref="SpanLimits"/>.</param>
    public int Add(Activity activity, UInt128 traceKey, ref LimitCounts limited)
    {
        var index = AllocateSpan();
        try
        {
            ref var slot = ref this[index];
            var start = DateTime.SpecifyKind(activity.StartTimeUtc, DateTimeKind.Utc);
            slot.TraceId = traceKey;
            slot.SpanId = Key(activity.SpanId);
            slot.ParentSpanId = Key(activity.ParentSpanId);
            SetHeader(ref slot, activity.DisplayName, activity.Source.Name, activity.StatusDescription, ref limited);
            slot.Kind = activity.Kind;
            slot.StartTicks = start.Ticks;
            slot.HasEnd = activity.IsStopped;
            slot.DurationTicks = activity.Duration.Ticks;
            slot.Status = activity.Status;
            var attributes = new AttributeAppender(index);
            foreach (ref readonly var tag in activity.EnumerateTagObjects())
            {
                attributes.Append(this, tag.Key, tag.Value, ref limited);
            }

            Bytes += slot.Bytes;
            slot.Counted = true;
        }
        catch
        {
            Free(index);
            throw;
        }

        return index;
    }

    /// <summary>Takes a slot for a span given as a <see cref="SpanData"/>, under the same limits as an activity; reads return a copy.</summary>
    public int Add(SpanData span, ref LimitCounts limited)
    {
        var index = AllocateSpan();
        try
        {
            ref var slot = ref this[index];
            var start = span.StartTime.UtcTicks;
            slot.TraceId = TraceKey(span.TraceId);
            slot.SpanId = Key(span.SpanId);
            slot.ParentSpanId = Key(span.ParentSpanId);
            SetHeader(ref slot, span.Name, span.SourceName, span.StatusDescription, ref limited);
            slot.Kind = span.Kind;
            slot.StartTicks = start;
            slot.HasEnd = span.EndTime.HasValue;
            slot.DurationTicks = span.EndTime is { } end ? end.UtcTicks - start : 0;
            slot.Status = span.Status;
            var attributes = new AttributeAppender(index);
            var list = span.Attributes;
            for (var i = 0; list is not null && i < list.Count; i++)
            {
                var attribute = list[i];
                attributes.Append(this, attribute.Key, attribute.Value, ref limited);
            }

            Bytes += slot.Bytes;
            slot.Counted = true;
        }
        catch
        {
            Free(index);
            throw;
        }

        return index;
    }

    /// <summary>Returns a slot and its attributes to the free lists, dropping every reference it held.</summary>
    public void Free(int index)
    {
        ref var slot = ref this[index];
        if (slot.Counted)
        {
            Bytes -= slot.Bytes;
        }

        var attribute = slot.FirstAttribute;
        while (attribute != None)
        {
            ref var value = ref Attribute(attribute);
            var next = value.Next;
            value = default;
            value.Next = _freeAttribute;
            _freeAttribute = attribute;
            attribute = next;
        }

        slot = default;
        slot.Next = _freeSpan;
        _freeSpan = index;
    }

    /// <summary>Makes the <see cref="SpanData"/> a reader gets: a new copy.</summary>
    public SpanData ToSpanData(int index)
    {
        ref var slot = ref this[index];
        KeyValuePair<string, object?>[] attributes = slot.AttributeCount == 0 ? [] : new KeyValuePair<string, object?>[slot.AttributeCount];
        var i = 0;
        for (var attribute = slot.FirstAttribute; attribute != None && i < attributes.Length; i++)
        {
            ref var value = ref Attribute(attribute);
            attributes[i] = new(value.Key!, Decode(in value));
            attribute = value.Next;
        }

        var start = new DateTimeOffset(slot.StartTicks, TimeSpan.Zero);
        return new SpanData
        {
            TraceId = TraceId(slot.TraceId),
            SpanId = SpanId(slot.SpanId),
            ParentSpanId = SpanId(slot.ParentSpanId),
            Name = slot.Name ?? string.Empty,
            SourceName = slot.SourceName ?? string.Empty,
            Kind = slot.Kind,
            StartTime = start,
            EndTime = slot.HasEnd ? start + TimeSpan.FromTicks(slot.DurationTicks) : null,
            Status = slot.Status,
            StatusDescription = slot.StatusDescription,
            Attributes = attributes,
        };
    }

    private static void Encode(ref AttributeSlot slot, object? value)
    {
        switch (value)
        {
            case long l:
                slot.Kind = ValueKind.Int64;
                slot.Bits = l;
                break;
            case int i:
                slot.Kind = ValueKind.Int32;
                slot.Bits = i;
                break;
            case double d:
                slot.Kind = ValueKind.Double;
                slot.Bits = BitConverter.DoubleToInt64Bits(d);
                break;
            case bool b:
                slot.Kind = ValueKind.Boolean;
                slot.Bits = b ? 1 : 0;
                break;
            default:
                // Strings (usually literals, which live outside the collected heap) and every other type are kept as they are.
                slot.Kind = ValueKind.Reference;
                slot.Reference = value;
                break;
        }
    }

    private static object? Decode(in AttributeSlot slot) => slot.Kind switch
    {
        ValueKind.Int64 => slot.Bits,
        ValueKind.Int32 => (int)slot.Bits,
        ValueKind.Double => BitConverter.Int64BitsToDouble(slot.Bits),
        ValueKind.Boolean => slot.Bits != 0 ? s_true : s_false,
        _ => slot.Reference,
    };

    private ref AttributeSlot Attribute(int index) => ref _attributeChunks[index >> ChunkShift][index & ChunkMask];

    private int AllocateSpan()
    {
        if (_freeSpan != None)
        {
            var index = _freeSpan;
            _freeSpan = this[index].Next;
            return Reset(index);
        }

        EnsureChunk(ref _spanChunks, _spanHighWater);
        return Reset(_spanHighWater++);
    }

    private int Reset(int index)
    {
        // 0 is a valid index, so the links of a fresh slot are set to None explicitly.
        ref var slot = ref this[index];
        slot.Next = None;
        slot.FirstAttribute = None;
        slot.Bytes = SpanSlotBytes;
        return index;
    }

    private void SetHeader(ref SpanSlot slot, string? name, string? sourceName, string? statusDescription, ref LimitCounts limited)
    {
        slot.Name = _limits.Truncate(name, ref limited.Truncated);
        slot.SourceName = _limits.Truncate(sourceName, ref limited.Truncated);
        slot.StatusDescription = _limits.Truncate(statusDescription, ref limited.Truncated);
        slot.Bytes += (int)(SpanLimits.StringBytes(slot.Name) + SpanLimits.StringBytes(slot.SourceName) + SpanLimits.StringBytes(slot.StatusDescription));
    }

    private int AllocateAttribute()
    {
        if (_freeAttribute != None)
        {
            var index = _freeAttribute;
            _freeAttribute = Attribute(index).Next;
            return index;
        }

        EnsureChunk(ref _attributeChunks, _attributeHighWater);
        return _attributeHighWater++;
    }

    private static void EnsureChunk<T>(ref T[][] chunks, int index)
    {
        var chunk = index >> ChunkShift;
        if (chunk < chunks.Length && chunks[chunk] is not null)
        {
            return;
        }

        if (chunk >= chunks.Length)
        {
            Array.Resize(ref chunks, Math.Max(4, chunks.Length * 2));
        }

        chunks[chunk] = new T[ChunkSize];
    }

    /// <summary>One retained span. <see cref="Next"/> links the spans of a trace in arrival order, or free slots.</summary>
    internal struct SpanSlot
    {
        public UInt128 TraceId;
        public ulong SpanId;
        public ulong ParentSpanId;
        public string? Name;
        public string? SourceName;
        public string? StatusDescription;
        public long StartTicks;
        public long DurationTicks;
        public ActivityKind Kind;
        public ActivityStatusCode Status;
        public int FirstAttribute;
        public int AttributeCount;
        public int Next;
        public bool HasEnd;

        /// <summary>The estimated bytes of the span (see <see cref="SpanSlab.Bytes"/>).</summary>
        public int Bytes;

        /// <summary>Whether <see cref="Bytes"/> is in the slab's total (a slot being filled is not yet).</summary>
        public bool Counted;
    }

    /// <summary>What the <see cref="SpanLimits"/> cut from spans: values truncated and attributes dropped.</summary>
    internal struct LimitCounts
    {
        public int Truncated;
        public int Dropped;
    }

    /// <summary>Links a span's attributes in order while keeping them within its count and byte limits.</summary>
    private struct AttributeAppender(int span)
    {
        private int _last = None;
        private int _bytes;

        public void Append(SpanSlab slab, string key, object? value, ref LimitCounts limited)
        {
            var limits = slab._limits;
            ref var slot = ref slab[span];
            var fixedBytes = AttributeSlotBytes + SpanLimits.StringBytes(key);
            if (slot.AttributeCount >= limits.MaxAttributes
                || !limits.TryLimit(value, limits.MaxAttributeBytes - _bytes - fixedBytes, out var kept, out var valueBytes, ref limited.Truncated))
            {
                limited.Dropped++;
                return;
            }

            var bytes = fixedBytes + valueBytes;

            _bytes += (int)bytes;
            slot.Bytes += (int)bytes;
            var attribute = slab.AllocateAttribute();
            ref var stored = ref slab.Attribute(attribute);
            stored.Key = key;
            Encode(ref stored, kept);
            stored.Next = None;
            if (_last == None)
            {
                slot.FirstAttribute = attribute;
            }
            else
            {
                slab.Attribute(_last).Next = attribute;
            }

            _last = attribute;
            slot.AttributeCount++;
        }
    }

    private struct AttributeSlot
    {
        public string? Key;
        public object? Reference;
        public long Bits;
        public int Next;
        public ValueKind Kind;
    }
}
