namespace MultiAgent.Observability.Metrics;

/// <summary>What a producer does when the pipeline's buffer is full. Every dropped sample is counted.</summary>
public enum FullBufferPolicy
{
    /// <summary>Drop the oldest buffered batch to make room: the freshest data wins. Never blocks.</summary>
    DropOldest,

    /// <summary>Drop the batch being handed over: what is buffered wins. Never blocks.</summary>
    DropNewest,

    /// <summary>Block the producer until the consumer makes room: nothing is lost, producers slow down.</summary>
    Wait,
}
