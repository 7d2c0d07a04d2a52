using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// One agent invocation whose calls are being counted: its agent, its series and its counts. The counts and whether the
/// invocation is open share one word changed by compare-and-swap, so a call is counted without a lock and never on an
/// invocation that has closed (or on the next invocation that reuses this object: closing moves the word's version on).
/// Opened and closed by <see cref="GenAISpanMetrics"/> under its lock, and reused, so tracking allocates nothing once
/// as many invocations as are open at once exist.
/// </summary>
internal sealed class OpenInvocation
{
    /// <summary>The most calls of each kind counted on one invocation; more stay at this value.</summary>
    public const int MaxCalls = (1 << CountBits) - 1;

    private const int CountBits = 24;
    private const long CountMask = MaxCalls;
    private const int ToolShift = CountBits;
    private const long TokensBit = 1L << (2 * CountBits);
    private const long OpenBit = TokensBit << 1;
    private const long VersionUnit = OpenBit << 1;

    private long _state;
    private Activity? _span;

    /// <summary>Gets the series the invocation's agent used last; null until first opened.</summary>
    public SeriesSlots? Slots { get; private set; }

    /// <summary>Gets the invocation's agent, as capped: its series' agent.</summary>
    public string Agent => Slots?.Agent ?? string.Empty;

    /// <summary>Gets the agent span, or null once closed.</summary>
    public Activity? Span => Volatile.Read(ref _span);

    /// <summary>Opens the invocation of an agent span, whose agent's series are <paramref name="slots"/>, with no calls counted. Called under the owner's lock.</summary>
    public void Open(Activity span, SeriesSlots slots)
    {
        Slots = slots;
        _span = span;

        // Published last: a reader that sees the new version sees the span and series above.
        var state = Volatile.Read(ref _state);
        Volatile.Write(ref _state, ((state & ~(VersionUnit - 1)) + VersionUnit) | OpenBit);
    }

    /// <summary>
    /// Counts a model or tool call (other kinds count none) and whether tokens of the invocation's own agent were
    /// recorded below it, when the invocation is still open for <paramref name="span"/>; gets its agent and series.
    /// Lock-free: false when the invocation has closed or been reused for another span.
    /// </summary>
    public bool TryCount(Activity span, bool inference, bool tool, bool ownTokens, out string agent, out SeriesSlots? slots)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            slots = Slots;
            agent = slots?.Agent ?? string.Empty;
            if ((state & OpenBit) == 0 || !ReferenceEquals(Volatile.Read(ref _span), span))
            {
                return false;
            }

            var next = state;
            if (inference && (state & CountMask) != CountMask)
            {
                next++;
            }

            if (tool && ((state >> ToolShift) & CountMask) != CountMask)
            {
                next += 1L << ToolShift;
            }

            if (ownTokens)
            {
                next |= TokensBit;
            }

            // Unchanged since it was read: still open for this span, so the agent and series read above are its own.
            if (Interlocked.CompareExchange(ref _state, next, state) == state)
            {
                return true;
            }
        }
    }

    /// <summary>Closes the invocation and gets its counts; no call is counted on it after this. Called under the owner's lock.</summary>
    public (int Inference, int Tool, bool TokensBelow) Close()
    {
        var state = Volatile.Read(ref _state);
        while (true)
        {
            var closed = (state & ~(VersionUnit - 1)) + VersionUnit;
            var seen = Interlocked.CompareExchange(ref _state, closed, state);
            if (seen == state)
            {
                break;
            }

            state = seen;
        }

        _span = null;
        var open = (state & OpenBit) != 0;
        return open ? ((int)(state & CountMask), (int)((state >> ToolShift) & CountMask), (state & TokensBit) != 0) : (0, 0, false);
    }
}
