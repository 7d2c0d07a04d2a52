using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultiAgent.Observability.Alerting.Evaluation;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>A bounded channel that drops its oldest entry when full, counting every drop and logging the first.</summary>
internal sealed class BoundedQueue<T>
{
    private readonly Channel<T> _channel;
    private readonly AlertingCounters _counters;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly int _capacity;
    private int _logged;

    public BoundedQueue(string name, int capacity, AlertingCounters counters, ILogger logger)
    {
        _name = name;
        _capacity = capacity;
        _counters = counters;
        _logger = logger;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);
    }

    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>Adds an entry; never blocks.</summary>
    public void Enqueue(T item) => _channel.Writer.TryWrite(item);

    /// <summary>Takes no more entries; the reader drains what is there.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void OnDropped(T item)
    {
        Interlocked.Increment(ref _counters.Dropped);
        if (Interlocked.Exchange(ref _logged, 1) == 0)
        {
            Log.QueueFull(_logger, _name, _capacity);
        }
    }
}
