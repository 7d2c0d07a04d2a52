using System.Diagnostics;
using MultiAgent.Observability.Tracing.Tests.Collecting;

namespace MultiAgent.Observability.Tracing.Tests.Propagation;

public sealed class AgentTraceContextTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ParentId = "00f067aa0ba902b7";
    private const string Valid = "00-" + TraceId + "-" + ParentId + "-01";

    /// <summary>The W3C accept/reject table: header, expected error, expected sampled flag, expected version.</summary>
    public static TheoryData<string, TraceContextParseError, bool, int> Table => new()
    {
        // Accepted.
        { Valid, TraceContextParseError.None, true, 0 },
        { "00-" + TraceId + "-" + ParentId + "-00", TraceContextParseError.None, false, 0 },
        { "00-" + TraceId + "-" + ParentId + "-03", TraceContextParseError.None, true, 0 },
        { "00-" + TraceId + "-" + ParentId + "-ff", TraceContextParseError.None, true, 0 },
        { "00-" + TraceId + "-" + ParentId + "-fe", TraceContextParseError.None, false, 0 },
        { "01-" + TraceId + "-" + ParentId + "-01", TraceContextParseError.None, true, 1 },
        { "cc-" + TraceId + "-" + ParentId + "-09-what-the-future-will-be-like", TraceContextParseError.None, true, 0xcc },
        { "fe-" + TraceId + "-" + ParentId + "-00-", TraceContextParseError.None, false, 0xfe },
        { " " + Valid + "\t", TraceContextParseError.None, true, 0 },

        // Rejected.
        { "ff-" + TraceId + "-" + ParentId + "-01", TraceContextParseError.ForbiddenVersion, false, 0xff },
        { "00-00000000000000000000000000000000-" + ParentId + "-01", TraceContextParseError.ZeroTraceId, false, 0 },
        { "00-" + TraceId + "-0000000000000000-01", TraceContextParseError.ZeroParentId, false, 0 },
        { "00-4BF92F3577B34DA6A3CE929D0E0E4736-" + ParentId + "-01", TraceContextParseError.InvalidTraceId, false, 0 },
        { "00-" + TraceId + "-00F067AA0BA902B7-01", TraceContextParseError.InvalidParentId, false, 0 },
        { "0A-" + TraceId + "-" + ParentId + "-01", TraceContextParseError.InvalidVersion, false, -1 },
        { "00-" + TraceId + "-" + ParentId + "-0A", TraceContextParseError.InvalidTraceFlags, false, 0 },
        { Valid + "-extra", TraceContextParseError.TrailingData, false, 0 },
        { Valid + "0", TraceContextParseError.TrailingData, false, 0 },
        { "01-" + TraceId + "-" + ParentId + "-01extra", TraceContextParseError.InvalidDelimiter, false, 1 },
        { "00-" + TraceId + "-" + ParentId + "-1", TraceContextParseError.InvalidLength, false, 0 },
        { "01-" + TraceId + "-" + ParentId, TraceContextParseError.InvalidLength, false, 1 },
        { "00_" + TraceId + "-" + ParentId + "-01", TraceContextParseError.InvalidDelimiter, false, 0 },
        { "00-" + TraceId + "_" + ParentId + "-01", TraceContextParseError.InvalidDelimiter, false, 0 },
        { "00-4bf92f3577b34da6a3ce929d0e0e473g-" + ParentId + "-01", TraceContextParseError.InvalidTraceId, false, 0 },
        { "00-" + TraceId + "-00f067aa0ba902bz-01", TraceContextParseError.InvalidParentId, false, 0 },
        { "00-" + TraceId + "-" + ParentId + "-0g", TraceContextParseError.InvalidTraceFlags, false, 0 },
        { "00-" + TraceId + "-" + ParentId + "--1", TraceContextParseError.InvalidTraceFlags, false, 0 },
        { "0", TraceContextParseError.InvalidVersion, false, -1 },
        { "xx-" + TraceId + "-" + ParentId + "-01", TraceContextParseError.InvalidVersion, false, -1 },
        { string.Empty, TraceContextParseError.Missing, false, -1 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Parse_W3CTable_AcceptsAndRejectsPerSpecification(string header, TraceContextParseError expected, bool sampled, int version)
    {
        var result = AgentTraceContext.Parse(header, "congo=t61rcWkgMzE");

        Assert.Equal(expected, result.Error);
        Assert.Equal(version, result.Version);
        if (expected == TraceContextParseError.None)
        {
            Assert.True(result.IsValid);
            Assert.Null(result.Reason);
            Assert.Equal(TraceId, result.Context.TraceId.ToHexString());
            Assert.Equal(ParentId, result.Context.SpanId.ToHexString());
            Assert.Equal(sampled, result.Context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
            Assert.True(result.Context.IsRemote);
            Assert.Equal("congo=t61rcWkgMzE", result.Context.TraceState);
        }
        else
        {
            Assert.False(result.IsValid);
            Assert.False(string.IsNullOrWhiteSpace(result.Reason));
            Assert.Equal(default, result.Context);
        }
    }

    [Fact]
    public void Parse_Null_IsMissingNotAnException()
    {
        var result = AgentTraceContext.Parse(null);

        Assert.Equal(TraceContextParseError.Missing, result.Error);
        Assert.Contains("no traceparent", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FutureVersion_AcceptedWhereActivityContextTryParseRejects()
    {
        const string header = "01-" + TraceId + "-" + ParentId + "-01-extra";

        var bcl = ActivityContext.TryParse(header, null, out _);
        var ours = AgentTraceContext.Parse(header);

        Assert.False(bcl);
        Assert.True(ours.IsValid);
    }

    [Theory]
    [InlineData("03", 0x03, ActivityTraceFlags.Recorded | (ActivityTraceFlags)2)]
    [InlineData("ff", 0xff, ActivityTraceFlags.Recorded | (ActivityTraceFlags)2)]
    [InlineData("f0", 0xf0, ActivityTraceFlags.None)]
    public void Parse_UnknownFlagBits_IgnoredButRawFlagsKept(string flags, int raw, ActivityTraceFlags expected)
    {
        var result = AgentTraceContext.Parse("00-" + TraceId + "-" + ParentId + "-" + flags);

        Assert.True(result.IsValid);
        Assert.Equal(raw, result.RawTraceFlags);
        Assert.Equal(expected, result.Context.TraceFlags);
    }

    [Theory]
    [InlineData("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", 0)]
    [InlineData("congo=t61rcWkgMzE , ,\trojo=x ", "congo=t61rcWkgMzE,rojo=x", 0)]
    [InlineData("congo=a,UPPER=1,rojo=b", "congo=a,rojo=b", 1)]
    [InlineData("fw529a3039@dt=abc,1tenant@sys=v", "fw529a3039@dt=abc,1tenant@sys=v", 0)]
    [InlineData("a@1sys=v,a=b=c,=v,k=,k2", null, 5)]
    [InlineData("dup=1,dup=2", "dup=1", 1)]
    [InlineData("1abc=v,ok=1", "ok=1", 1)]
    [InlineData("k=va\u00e9lue,ok=1", "ok=1", 1)]
    public void Parse_TraceState_InvalidMembersDroppedAndCounted(string traceState, string? expected, int dropped)
    {
        var result = AgentTraceContext.Parse(Valid, traceState);

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Context.TraceState);
        Assert.Equal(dropped, result.DroppedTraceStateMembers);
    }

    [Fact]
    public void Parse_TraceStateOver32Members_Keeps32()
    {
        var members = Enumerable.Range(0, 40).Select(i => $"k{i}=v{i}");

        var result = AgentTraceContext.Parse(Valid, string.Join(',', members));

        Assert.Equal(32, result.Context.TraceState!.Split(',').Length);
        Assert.StartsWith("k0=v0,", result.Context.TraceState, StringComparison.Ordinal);
        Assert.Equal(8, result.DroppedTraceStateMembers);
    }

    [Fact]
    public void Parse_InvalidTraceParent_TraceStateIgnored()
    {
        var result = AgentTraceContext.Parse("ff-" + TraceId + "-" + ParentId + "-01", "congo=1");

        Assert.Null(result.Context.TraceState);
        Assert.Equal(TraceContextParseError.ForbiddenVersion, result.Error);
    }

    [Fact]
    public void Parse_RandomGarbage_NeverThrows()
    {
        var random = new Random(42);
        const string alphabet = "0123456789abcdefABCDEF-xyz \t,=@";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var result = AgentTraceContext.Parse(text, text);

            Assert.Equal(result.IsValid, result.Error == TraceContextParseError.None);
        }
    }

    [Fact]
    public void InjectExtract_DictionaryBetweenTwoAgents_TraceFollowsTheTask()
    {
        var sourceName = "Test.Propagation." + Guid.NewGuid().ToString("N");
        using var scope = new CollectorScope(CollectorScope.OnlySources(sourceName, AgentActivitySource.Name));
        using var source = new ActivitySource(sourceName);
        var message = new Dictionary<string, string>();

        // Agent A: works inside a span and sends a task message.
        ActivityContext sent;
        using (var planner = source.StartActivity("invoke_agent Planner"))
        {
            Assert.NotNull(planner);
            planner.TraceStateString = "mao=planner";
            sent = planner.Context;
            Assert.True(AgentTraceContext.Inject(planner.Context, message));
        }

        // Agent B: another "process": no ambient activity, only the message.
        Activity.Current = null;
        var received = AgentTraceContext.Extract(message);
        Assert.True(received.IsValid, received.Reason);
        using (var worker = AgentActivitySource.StartInvokeAgent("Worker", parentContext: received.Context))
        {
            Assert.NotNull(worker);
            Assert.Equal(sent.TraceId, worker.TraceId);
            Assert.Equal(sent.SpanId, worker.ParentSpanId);
            Assert.Equal("mao=planner", worker.TraceStateString);
            Assert.True(worker.HasRemoteParent);
        }

        Assert.True(scope.Store.TryGetTrace(sent.TraceId, out var trace));
        Assert.Equal(2, trace.Spans.Count);
        Assert.Contains(trace.Spans, s => s.ParentSpanId == sent.SpanId && s.Name == "invoke_agent Worker");
    }

    [Fact]
    public void Extract_HeaderNameInAnyCase_Accepted()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["TraceParent"] = Valid, ["TRACESTATE"] = "a=1" };

        var result = AgentTraceContext.Extract(headers);

        Assert.True(result.IsValid);
        Assert.Equal("a=1", result.Context.TraceState);
    }

    [Fact]
    public void InjectExtract_GenericCarrier_RoundTrips()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "v=1");
        var headers = new List<KeyValuePair<string, string>>();

        AgentTraceContext.Inject(context, headers, static (h, k, v) => h.Add(new(k, v)));
        var result = AgentTraceContext.Extract(headers, static (h, k) => h.FirstOrDefault(p => p.Key == k).Value);

        Assert.Equal(2, headers.Count);
        Assert.True(result.IsValid);
        Assert.Equal(context.TraceId, result.Context.TraceId);
        Assert.Equal(context.SpanId, result.Context.SpanId);
        Assert.Equal(context.TraceFlags, result.Context.TraceFlags);
        Assert.Equal("v=1", result.Context.TraceState);
    }

    [Fact]
    public void Inject_NoContext_WritesNothing()
    {
        var headers = new Dictionary<string, string>();

        Assert.False(AgentTraceContext.Inject(default, headers));
        Assert.Empty(headers);
        Assert.Throws<ArgumentException>(() => AgentTraceContext.FormatTraceParent(default));
    }

    [Fact]
    public void Extract_MalformedHeader_ReturnsReasonWithOffset()
    {
        var headers = new Dictionary<string, string> { ["traceparent"] = "00-" + TraceId + "-00f067aa0ba902bz-01" };

        var result = AgentTraceContext.Extract(headers);

        Assert.Equal(TraceContextParseError.InvalidParentId, result.Error);
        Assert.Contains("offset 36", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatTraceParent_MatchesActivityId()
    {
        using var activity = new Activity("x");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.Start();

        Assert.Equal(activity.Id, AgentTraceContext.FormatTraceParent(activity.Context));
    }

    [Theory]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e4736", true)]
    [InlineData("4BF92F3577B34DA6A3CE929D0E0E4736", false)] // uppercase
    [InlineData("00000000000000000000000000000000", false)] // all zero
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473", false)] // 31 digits
    [InlineData("4bf92f3577b34da6a3ce929d0e0e47366", false)] // 33 digits
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473g", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParseTraceId_AcceptsOnlyW3CTraceIds(string? text, bool valid)
    {
        Assert.Equal(valid, AgentTraceContext.TryParseTraceId(text, out var traceId));
        Assert.Equal(valid ? text : default(ActivityTraceId).ToHexString(), traceId.ToHexString());
    }
}
