using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Tests.Usage;

/// <summary>
/// <see cref="OpenInvocation"/> counts calls without a lock: a call counts only while the invocation is open for its
/// span, closing takes every count made before it, and a reused invocation starts from nothing for its new span.
/// </summary>
public sealed class OpenInvocationTests
{
    [Fact]
    public void TryCount_Open_CountsByKindAndReturnsAgentAndSeries()
    {
        using var span = new Activity("invoke_agent");
        var slots = new SeriesSlots("planner");
        var invocation = new OpenInvocation();
        invocation.Open(span, slots);

        Assert.True(invocation.TryCount(span, inference: true, tool: false, ownTokens: false, out var agent, out var found));
        Assert.True(invocation.TryCount(span, inference: true, tool: false, ownTokens: true, out _, out _));
        Assert.True(invocation.TryCount(span, inference: false, tool: true, ownTokens: false, out _, out _));
        Assert.True(invocation.TryCount(span, inference: false, tool: false, ownTokens: false, out _, out _));

        Assert.Equal(("planner", slots), (agent, found));
        Assert.Equal((2, 1, true), invocation.Close());
    }

    [Fact]
    public void TryCount_OtherSpanOrNeverOpened_NotCounted()
    {
        using var span = new Activity("invoke_agent");
        using var other = new Activity("invoke_agent");
        var invocation = new OpenInvocation();

        Assert.False(invocation.TryCount(span, inference: true, tool: false, ownTokens: true, out _, out _));
        invocation.Open(span, new SeriesSlots("planner"));
        Assert.False(invocation.TryCount(other, inference: true, tool: false, ownTokens: true, out _, out _));

        Assert.Equal((0, 0, false), invocation.Close());
    }

    [Fact]
    public void Close_ThenReopenedForAnotherSpan_OldSpanNotCountedAndCountsStartAtZero()
    {
        using var first = new Activity("invoke_agent");
        using var second = new Activity("invoke_agent");
        var invocation = new OpenInvocation();
        invocation.Open(first, new SeriesSlots("planner"));
        invocation.TryCount(first, inference: true, tool: true, ownTokens: true, out _, out _);
        invocation.Close();

        Assert.False(invocation.TryCount(first, inference: true, tool: false, ownTokens: false, out _, out _));
        Assert.Equal((0, 0, false), invocation.Close());

        invocation.Open(second, new SeriesSlots("writer"));
        Assert.False(invocation.TryCount(first, inference: true, tool: false, ownTokens: false, out _, out _));
        Assert.True(invocation.TryCount(second, inference: false, tool: true, ownTokens: false, out var agent, out _));

        Assert.Equal("writer", agent);
        Assert.Equal((0, 1, false), invocation.Close());
        Assert.Null(invocation.Span);
    }

    [Fact]
    public async Task TryCount_ManyThreadsWhileClosing_CloseTakesExactlyTheCountsMadeBeforeIt()
    {
        using var span = new Activity("invoke_agent");
        var invocation = new OpenInvocation();
        invocation.Open(span, new SeriesSlots("planner"));
        const int Threads = 4;
        const int Attempts = 20_000;
        var counted = new int[Threads];
        using var start = new Barrier(Threads + 1);
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < Attempts; i++)
                {
                    if (invocation.TryCount(span, inference: true, tool: t % 2 == 0, ownTokens: false, out _, out _))
                    {
                        counted[t]++;
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        start.SignalAndWait();
        var closed = invocation.Close();
        await Task.WhenAll(workers);

        Assert.Equal(counted.Sum(), closed.Inference);
        Assert.Equal(counted[0] + counted[2], closed.Tool);
        Assert.False(invocation.TryCount(span, inference: true, tool: false, ownTokens: false, out _, out _));
    }
}
