using System.Diagnostics;
using System.Globalization;

namespace MultiAgent.Observability.Tracing.Tests.Collecting;

/// <summary>
/// The slab has no lock-free reader: every read and write of a slot happens under the store's lock, and slots are
/// reused as soon as a trace is evicted. These tests race one writer (constant eviction, so slots are freed and
/// refilled all the time) against readers and check that no read ever returns a span mixed from two slot lives.
/// </summary>
public sealed class SpanSlabConcurrencyTests
{
    private const int Spans = 40_000;
    private const int Readers = 2;
    private const int RecentIds = 64;

    [Fact]
    public async Task Reads_RacingWriterThatReusesSlots_NeverReturnATornSpan()
    {
        // 8 traces of 16 spans: every 16th add evicts a trace and its slots are refilled by the next ones.
        using var scope = new CollectorScope(new AgentTracingOptions { MaxTraces = 8, MaxSpansPerTrace = 16 }, start: false);
        var recent = new SpanData?[RecentIds];
        var count = 0;
        var writerDone = 0;
        var cancellation = TestContext.Current.CancellationToken;

        // The readers start once a span exists: their read budget is not spent on an empty table before the writer runs.
        using var firstSpanWritten = new ManualResetEventSlim();

        var writer = Task.Run(
            () =>
            {
                var trace = ActivityTraceId.CreateRandom();
                for (var i = 0; i < Spans; i++)
                {
                    if (i % 16 == 0)
                    {
                        trace = ActivityTraceId.CreateRandom();
                    }

                    var span = Consistent(trace, ActivitySpanId.CreateRandom());
                    Assert.True(scope.Store.Add(span));
                    Volatile.Write(ref recent[i % RecentIds], span);
                    Volatile.Write(ref count, i + 1);
                    if (i == 0)
                    {
                        firstSpanWritten.Set();
                    }
                }

                Volatile.Write(ref writerDone, 1);
            },
            cancellation);

        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(
            () =>
            {
                var random = new Random(r);
                long found = 0;

                // A safety bound only: the writer sets the event after its first add, or has failed the test.
                Assert.True(firstSpanWritten.Wait(TimeSpan.FromSeconds(30), cancellation), "the writer never added a span");

                // Bounded: the readers stop once the writer is done and they have found a span (the newest spans are
                // still stored then, so a reader the scheduler starved still checks one), and in any case after a fixed
                // number of reads.
                for (var read = 0; read < 4 * Spans && (Volatile.Read(ref writerDone) == 0 || found == 0); read++)
                {
                    if (Volatile.Read(ref recent[random.Next(RecentIds)]) is not { } written)
                    {
                        continue;
                    }

                    if (scope.Store.TryGetSpan(written.SpanId, out var span))
                    {
                        AssertConsistent(span);
                        found++;
                    }

                    if (read % 16 == 0 && scope.Store.TryGetTrace(written.TraceId, out var trace))
                    {
                        foreach (var member in trace.Spans)
                        {
                            AssertConsistent(member);
                            Assert.Equal(trace.TraceId, member.TraceId);
                        }
                    }
                }

                return found;
            },
            cancellation)).ToArray();

        await writer;
        var found = await Task.WhenAll(readers);

        Assert.Equal(Spans, Volatile.Read(ref count));
        Assert.Equal(8 * 16, scope.Store.SpanCount);
        Assert.True(found.Sum() > 0, "the readers never found a span while the writer ran");
        foreach (var id in scope.Store.GetTraceIds())
        {
            Assert.True(scope.Store.TryGetTrace(id, out var trace));
            Assert.All(trace.Spans, AssertConsistent);
        }
    }

    /// <summary>A span whose every field is derived from its span id, so a read mixing two spans is detectable.</summary>
    private static SpanData Consistent(ActivityTraceId traceId, ActivitySpanId spanId)
    {
        var key = SpanSlab.Key(spanId);
        var start = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero).AddTicks((long)(key % 1_000_000));
        return new SpanData
        {
            TraceId = traceId,
            SpanId = spanId,
            Name = spanId.ToHexString(),
            SourceName = "slab",
            StartTime = start,
            EndTime = start.AddTicks((long)(key % 997)),
            StatusDescription = spanId.ToHexString(),
            Attributes =
            [
                new("id", spanId.ToHexString()),
                new("low", unchecked((long)key)),
                new("odd", (key & 1) == 1),
                new("mod", (int)(key % 1000)),
                new("text", (key % 7).ToString(CultureInfo.InvariantCulture)),
            ],
        };
    }

    private static void AssertConsistent(SpanData span)
    {
        var expected = Consistent(span.TraceId, span.SpanId);
        Assert.Equal(expected.Name, span.Name);
        Assert.Equal(expected.StatusDescription, span.StatusDescription);
        Assert.Equal(expected.StartTime, span.StartTime);
        Assert.Equal(expected.EndTime, span.EndTime);
        Assert.Equal(expected.Attributes.Count, span.Attributes.Count);
        for (var i = 0; i < expected.Attributes.Count; i++)
        {
            Assert.Equal(expected.Attributes[i], span.Attributes[i]);
        }
    }
}
