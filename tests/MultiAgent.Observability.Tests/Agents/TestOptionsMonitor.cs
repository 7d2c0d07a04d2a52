using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tests;

/// <summary>An options monitor over one fixed instance, so registry tests can change a limit without a container.</summary>
internal sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
