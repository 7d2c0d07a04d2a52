using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Told by the <see cref="TraceCollector"/> of every recorded span that stopped, after the store has it, on the thread
/// that stopped it. Implementations must be cheap and must not throw (the collector catches and counts what they throw).
/// </summary>
internal interface ISpanStoppedObserver
{
    void OnSpanStopped(Activity activity);
}
