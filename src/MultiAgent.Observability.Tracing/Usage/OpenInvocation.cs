namespace MultiAgent.Observability.Tracing;

/// <summary>
/// One agent invocation whose calls are being counted, from its first call's end to its own end: its agent's series and
/// its counts. Counts saturate at <see cref="int.MaxValue"/>, never wrap.
/// </summary>
internal struct OpenInvocation(SeriesSlots slots)
{
    /// <summary>Gets the series of the invocation's agent, as capped.</summary>
    public readonly SeriesSlots Slots => slots;

    /// <summary>Gets the invocation's agent, as capped: its series' agent.</summary>
    public readonly string Agent => slots.Agent;

    /// <summary>Gets the model calls made below the invocation by its own agent (a sub-agent's are its own).</summary>
    public int Inference { get; private set; }

    /// <summary>Gets the tool calls made below the invocation by its own agent.</summary>
    public int Tool { get; private set; }

    /// <summary>Gets whether tokens of the invocation's own agent were recorded below it.</summary>
    public bool TokensBelow { get; private set; }

    /// <summary>Counts a model or tool call (or neither, for a sub-invocation) and whether it recorded the agent's own tokens.</summary>
    public void Count(bool inference, bool tool, bool ownTokens)
    {
        if (inference && Inference != int.MaxValue)
        {
            Inference++;
        }

        if (tool && Tool != int.MaxValue)
        {
            Tool++;
        }

        TokensBelow |= ownTokens;
    }
}
