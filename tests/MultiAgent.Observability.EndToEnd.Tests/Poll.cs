namespace MultiAgent.Observability.EndToEnd.Tests;

/// <summary>
/// Waits for a condition on a real process by asking again until a deadline. The pause between questions only paces
/// the polling; the answer comes from the condition, and the deadline bounds the test.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns the first non-null value <paramref name="probe"/> gives, or fails naming what was awaited and the last answer.</summary>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T?>> probe, TimeSpan timeout, Func<string>? lastState = null)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException e)
            {
                lastError = e;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds:F0} s; last state: {lastState?.Invoke() ?? lastError?.Message ?? "(none)"}");
            }

            await Task.Delay(Pace, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, Func<string>? lastState = null) =>
        UntilAsync<object>(what, async () => await condition() ? new object() : null, timeout, lastState);
}
