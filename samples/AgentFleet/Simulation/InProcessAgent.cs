using System.Diagnostics;
using System.Threading.Channels;
using MultiAgent.Observability;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Tracing;

namespace AgentFleet.Simulation;

/// <summary>
/// An agent living in this process: it reads tasks from its inbox, opens an <c>invoke_agent</c> span under the
/// sender's trace context, calls the agents it depends on, "works" for a while, records its metrics through series
/// handles, and heartbeats on its own loop. The scenario slows one agent down and pauses another.
/// </summary>
internal sealed class InProcessAgent
{
    private const int InboxCapacity = 64;

    private readonly FleetMember _member;
    private readonly FleetRouter _router;
    private readonly IMetricRecorder _recorder;
    private readonly IAgentRegistry _registry;
    private readonly TimeProvider _time;
    private readonly SlowestTrace _slowest;
    private readonly long _startedAt;
    private readonly Random _random;
    // Wait mode: TryWrite refuses a task when the inbox is full, so the sender sees it (DropWrite would accept and lose it).
    private readonly Channel<AgentMessage> _inbox = Channel.CreateBounded<AgentMessage>(
        new BoundedChannelOptions(InboxCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly MetricSeries _ok;
    private readonly MetricSeries _error;
    private readonly MetricSeries _duration;
    private readonly MetricSeries _latency;
    private readonly MetricSeries _depth;
    private readonly MetricSeries _cpu;
    private readonly MetricSeries _memory;

    public InProcessAgent(FleetMember member, FleetRouter router, IMetricRecorder recorder, IAgentRegistry registry, TimeProvider time, SlowestTrace slowest, long startedAt, int seed)
    {
        _member = member;
        _router = router;
        _recorder = recorder;
        _registry = registry;
        _time = time;
        _slowest = slowest;
        _startedAt = startedAt;
        _random = new Random(seed);
        Id = AgentId.Parse(member.Id);

        var id = member.Id;
        _ok = recorder.GetSeries(id, FleetMetrics.Requests, MetricKind.Counter, KeyValuePair.Create("outcome", "ok"));
        _error = recorder.GetSeries(id, FleetMetrics.Requests, MetricKind.Counter, KeyValuePair.Create("outcome", "error"));
        _duration = recorder.GetSeries(id, FleetMetrics.RequestDuration, MetricKind.Histogram);
        _latency = recorder.GetSeries(id, FleetMetrics.Latency, MetricKind.Gauge);
        _depth = recorder.GetSeries(id, FleetMetrics.InboxDepth, MetricKind.Gauge);
        _cpu = recorder.GetSeries(id, FleetMetrics.Cpu, MetricKind.Gauge);
        _memory = recorder.GetSeries(id, FleetMetrics.Memory, MetricKind.Gauge);
    }

    public AgentId Id { get; }

    public FleetMember Member => _member;

    private TimeSpan Elapsed => _time.GetElapsedTime(_startedAt);

    private bool Paused => _member.Id == Roster.PausingAgent && Scenario.IsPaused(Elapsed);

    private bool Degraded => _member.Id == Roster.DegradingAgent && Scenario.IsDegraded(Elapsed);

    /// <summary>Hands a task to this agent; false when its inbox is full (the sender counts an error).</summary>
    public bool TryDeliver(AgentMessage message) => _inbox.Writer.TryWrite(message);

    /// <summary>Heartbeats every <paramref name="interval"/> unless the scenario pauses this agent.</summary>
    public async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!Paused)
            {
                _registry.Heartbeat(Id);
                _recorder.Record(_cpu, Degraded ? 0.85 + (_random.NextDouble() * 0.1) : 0.15 + (_random.NextDouble() * 0.2));
                _recorder.Record(_memory, 0.3 + (_random.NextDouble() * 0.1));
                _recorder.Record(_depth, _inbox.Reader.Count);
            }

            try
            {
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Handles tasks one at a time until canceled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (Paused)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
                }

                if (_inbox.Reader.TryRead(out var message))
                {
                    await HandleAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Handles one task: the planner calls this for the tasks it starts itself.</summary>
    public async Task<bool> HandleAsync(AgentMessage message, CancellationToken cancellationToken)
    {
        var parent = AgentTraceContext.Extract(message.Headers);
        var started = _time.GetTimestamp();
        var ok = true;
        Activity? span = AgentActivitySource.StartInvokeAgent(_member.Id, Id, message.ConversationId, parent.Context);
        try
        {
            var context = span?.Context ?? parent.Context;
            if (_member.FanOut.Count > 0)
            {
                var calls = new Task<bool>[_member.FanOut.Count];
                for (var i = 0; i < calls.Length; i++)
                {
                    calls[i] = _router.CallAsync(_member.FanOut[i], context, message.ConversationId, cancellationToken);
                }

                foreach (var succeeded in await Task.WhenAll(calls).ConfigureAwait(false))
                {
                    ok &= succeeded;
                }
            }

            ok &= await WorkAsync(span, context, cancellationToken).ConfigureAwait(false);

            if (_member.Next is { } next)
            {
                ok &= await _router.CallAsync(next, context, message.ConversationId, cancellationToken).ConfigureAwait(false);
            }

            if (!ok)
            {
                span?.SetError("downstream_failed", "an agent this one called failed or did not answer in time");
            }
        }
        catch (OperationCanceledException)
        {
            ok = false;
            span?.SetError("canceled");
        }
        finally
        {
            span?.Dispose();
        }

        if (!parent.IsValid && span is not null)
        {
            _slowest.Offer(span.TraceId, span.Duration);
        }

        var seconds = _time.GetElapsedTime(started).TotalSeconds;
        _recorder.Add(ok ? _ok : _error, 1);
        _recorder.Record(_duration, seconds);
        message.Reply.TrySetResult(ok);
        return ok;
    }

    /// <summary>The agent's own work on a message; its time is the latency gauge the alert rule watches, so waiting on a slow agent downstream does not make this one look slow.</summary>
    private async Task<bool> WorkAsync(Activity? span, ActivityContext context, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            return await SimulateWorkAsync(span, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _recorder.Record(_latency, _time.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<bool> SimulateWorkAsync(Activity? span, ActivityContext context, CancellationToken cancellationToken)
    {
        var work = _member.WorkTime * (0.6 + (_random.NextDouble() * 0.8));
        if (Degraded)
        {
            work *= Scenario.SlowDown;
        }

        if (_member.Tool is { } tool)
        {
            using var toolSpan = AgentActivitySource.StartExecuteTool(tool, toolCallId: "call_" + _random.Next(), toolType: "function", parentContext: context);

            // A span started from an explicit parent context has no in-process Parent to walk up, so it names its agent.
            toolSpan?.SetTag("gen_ai.agent.name", _member.Id);
            await Task.Delay(work, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }

        await Task.Delay(work, _time, cancellationToken).ConfigureAwait(false);
        if (_member.Role is AgentRole.Researcher or AgentRole.Writer)
        {
            var input = _random.Next(300, 1_500);
            var output = _random.Next(80, 600);
            // The model call's usage on the agent span: AddGenAIMetrics turns it into token, cost and duration
            // metrics per agent (priced from the shipped price table), so the sample records no token metric itself.
            span?.SetTag("gen_ai.provider.name", "openai");
            span?.SetTag("gen_ai.request.model", "gpt-4.1-mini");
            span?.SetTokenUsage(input, output);
        }

        return true;
    }
}
