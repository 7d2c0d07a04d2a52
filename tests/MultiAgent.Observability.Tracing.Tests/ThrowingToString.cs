namespace MultiAgent.Observability.Tracing.Tests;

/// <summary>An attribute value as hostile instrumentation may set it: its <c>ToString</c> throws.</summary>
internal sealed class ThrowingToString
{
    public override string ToString() => throw new InvalidOperationException("no text");
}
