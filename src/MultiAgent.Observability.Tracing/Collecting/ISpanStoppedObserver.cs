using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Told by the <see cref="TraceCollector"/> of every recorded span that stopped, after the store has it: off the thread
/// that stopped it, in the order spans stopped, one span at a time (<see cref="SpanObserverQueue"/>), so an
/// implementation needs no locking of its own for the spans it sees. Implementations must not throw (the collector
/// catches and logs what they throw, and goes on with the next span).
/// </summary>
internal interface ISpanStoppedObserver
{
    void OnSpanStopped(Activity activity);
}
