using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Derives the GenAI metrics from every span the collector sees stop: token usage and duration of model calls, duration
/// and inference/tool call counts of agent invocations, duration of tool executions, estimated cost and unpriced tokens.
/// One pass over each span's tags, no allocation once an agent's series exist.
/// </summary>
/// <remarks>
/// <para>
/// Agent: the span's <c>gen_ai.agent.name</c> (else <c>gen_ai.agent.id</c>, else <c>service.name</c>), else that of its
/// nearest in-process ancestor, as the trace analysis attributes spans. Calls are counted on the nearest enclosing
/// <c>invoke_agent</c> span, so a sub-agent's calls are its own, never its caller's.
/// </para>
/// <para>
/// Tokens are counted once, as the analysis counts them: a model call's always; an <c>invoke_agent</c> span's only when
/// no model call (or same-agent invocation) below it recorded tokens, because the Agent Framework repeats the sum of its
/// model calls on the agent span.
/// </para>
/// <para>
/// Not thread-safe: the collector hands it one span at a time, in the order spans stopped (<see cref="SpanObserverQueue"/>).
/// </para>
/// </remarks>
internal sealed class GenAISpanMetrics : ISpanStoppedObserver
{
    public const string ReasonInvalid = "invalid";
    public const string ReasonTooLarge = "too_large";
    public const string OpenInvocationsAttribute = "invoke_agent";

    private const int MaxAncestorDepth = 64;

    // An invocation still tracked whose span stopped this long before the span being handled will never be seen to stop
    // (its source is not collected): spans reach the metrics in the order they stopped, microseconds after.
    private static readonly TimeSpan s_staleAfter = TimeSpan.FromSeconds(1);

    private readonly GenAIInstruments _instruments;
    private readonly GenAIPriceTable _prices;
    private readonly CompletedTraces? _completedTraces;
    private readonly long _maxTokens;
    private readonly int _maxOpen;
    private readonly bool _latestExperimental;
    private readonly BoundedValues _agents;
    private readonly BoundedValues _providers;
    private readonly BoundedValues _models;
    private readonly BoundedValues _tools;
    private readonly BoundedValues _toolTypes;
    private readonly BoundedValues _errors;
    private readonly Dictionary<Activity, OpenInvocation> _open = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SeriesSlots> _slots = new(StringComparer.Ordinal);
    private readonly SeriesCache _series;

    public GenAISpanMetrics(
        GenAIInstruments instruments, GenAIAttributeCaps caps, IOptions<GenAIMetricsOptions> options, GenAIPriceTable prices, CompletedTraces? completedTraces = null)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prices);
        var value = options.Value;
        _instruments = instruments;
        _prices = prices;
        _series = new SeriesCache(prices);
        _completedTraces = completedTraces;
        _maxTokens = value.MaxTokensPerSpan;
        _maxOpen = value.MaxOpenAgentInvocations;
        _latestExperimental = value.LatestExperimentalConventions ?? SemanticConventionsOptIn.FromEnvironment();
        _agents = caps.Agents;
        _providers = caps.Providers;
        _models = caps.Models;
        _tools = caps.Tools;
        _toolTypes = caps.ToolTypes;
        _errors = caps.Errors;
    }

    /// <summary>Gets the number of agent invocations whose calls are being counted (for tests and diagnostics, once flushed).</summary>
    internal int OpenInvocations => _open.Count;

    public void OnSpanStopped(Activity activity)
    {
        // A span with no in-process parent ends the local part of its trace: its critical path is recorded after a quiet period.
        var parent = activity.Parent;
        if (parent is null)
        {
            _completedTraces?.RootEnded(activity.TraceId);
        }

        var fields = SpanFields.Read(activity);
        var operation = Operation(fields.Operation);
        if (operation == Kind.None)
        {
            return;
        }

        var usage = operation == Kind.Tool ? Usage.None : UsageOf(in fields);
        var enclosing = FindEnclosingAgent(activity, parent, out var inheritedAgent, out var slots);
        var agent = fields.Agent ?? inheritedAgent ?? TraceAnalysis.UnknownAgent;
        switch (operation)
        {
            case Kind.Inference:
            case Kind.Embeddings:
                OnModelCall(activity, in fields, agent, usage, slots, enclosing, operation == Kind.Inference);
                break;
            case Kind.Tool:
                OnTool(activity, in fields, agent, slots, enclosing);
                break;
            case Kind.Agent:
                OnAgent(activity, in fields, agent, usage, enclosing);
                break;
        }
    }

    /// <summary>A model call: its duration and usage, and (an inference call) the call on its enclosing invocation.</summary>
    private void OnModelCall(Activity activity, in SpanFields fields, string agentValue, Usage usage, SeriesSlots? slots, Activity? enclosing, bool inference)
    {
        var series = SeriesOf(SeriesKind.ModelCall, agentValue, in fields, slots, out var kept);
        _instruments.OperationDuration.Record(activity.Duration.TotalSeconds, series.Tags);
        var recorded = RecordUsage(in fields, usage, series, kept);
        if (enclosing is not null && inference)
        {
            CountOn(enclosing, Kind.Inference, recorded, series.Agent);
        }
    }

    private void OnTool(Activity activity, in SpanFields fields, string agentValue, SeriesSlots? slots, Activity? enclosing)
    {
        var series = SeriesOf(SeriesKind.Tool, agentValue, in fields, slots, out _);
        _instruments.ExecuteToolDuration.Record(activity.Duration.TotalSeconds, series.Tags);
        if (enclosing is not null)
        {
            CountOn(enclosing, Kind.Tool, tokens: false, series.Agent);
        }
    }

    private void OnAgent(Activity activity, in SpanFields fields, string agentValue, Usage usage, Activity? enclosing)
    {
        // An invocation none of whose calls was seen (or past the cap) made no call.
        var tracked = _open.Remove(activity, out var calls);
        var series = SeriesOf(SeriesKind.Invocation, agentValue, in fields, tracked ? calls.Slots : null, out _);
        var tags = series.Tags;
        _instruments.InvokeAgentDuration.Record(activity.Duration.TotalSeconds, tags);
        _instruments.InferenceCalls.Record(calls.Inference, tags);
        _instruments.ToolCalls.Record(calls.Tool, tags);

        var counted = calls.TokensBelow;
        if (!counted && fields.HasUsage)
        {
            // Rare (an agent span whose model calls were not seen): the usage series is not remembered per agent.
            var usageSeries = SeriesOf(SeriesKind.ModelCall, agentValue, in fields, null, out var kept);
            counted = RecordUsage(in fields, usage, usageSeries, kept);
        }

        if (counted && enclosing is not null)
        {
            // A sub-invocation counts no call on its caller; its tokens are the caller's only when the agent is the same.
            CountOn(enclosing, Kind.Agent, tokens: true, series.Agent);
        }
    }

    /// <summary>
    /// Counts a call on an invocation still being tracked, with whether it recorded tokens; they are the invocation's own
    /// only when <paramref name="agent"/> is the invocation's agent.
    /// </summary>
    private void CountOn(Activity invocation, Kind operation, bool tokens, string agent)
    {
        ref var open = ref CollectionsMarshal.GetValueRefOrNullRef(_open, invocation);
        if (!Unsafe.IsNullRef(ref open))
        {
            open.Count(operation == Kind.Inference, operation == Kind.Tool, tokens && string.Equals(open.Agent, agent, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Gets a span's series: the one its agent used last when the values are the same as read (a reference or short
    /// comparison per value), else the values capped (each replacement counted) and the series of the capped values.
    /// <paramref name="kept"/> is set when no value was replaced by its cap: the series' price is then the span's.
    /// </summary>
    private SpanSeries SeriesOf(SeriesKind kind, string agent, in SpanFields fields, SeriesSlots? slots, out bool kept)
    {
        if (slots?.Find(kind, agent, in fields) is { } last)
        {
            kept = true;
            return last;
        }

        var key = SeriesKey.Of(kind, agent, in fields);
        var capped = key with
        {
            Agent = _agents.Get(key.Agent, out kept),
            Provider = Cap(key.Provider, _providers, ref kept),
            RequestModel = Cap(key.RequestModel, _models, ref kept),
            ResponseModel = Cap(key.ResponseModel, _models, ref kept),
            ToolName = Cap(key.ToolName, _tools, ref kept),
            ToolType = Cap(key.ToolType, _toolTypes, ref kept),
            ErrorType = Cap(key.ErrorType, _errors, ref kept),
        };
        var series = _series.Get(in capped);
        if (kept)
        {
            slots?.Remember(series);
        }

        return series;
    }

    private Usage UsageOf(in SpanFields fields)
    {
        if (!fields.HasUsage)
        {
            return Usage.None;
        }

        if (fields.Input.IsInvalid || fields.Output.IsInvalid || fields.CacheRead.IsInvalid || fields.CacheWrite.IsInvalid || fields.Reasoning.IsInvalid)
        {
            return Usage.Invalid;
        }

        return fields.Input.Value > _maxTokens || fields.Output.Value > _maxTokens || fields.CacheRead.Value > _maxTokens
            || fields.CacheWrite.Value > _maxTokens || fields.Reasoning.Value > _maxTokens
            ? Usage.TooLarge
            : Usage.Valid;
    }

    /// <summary>Records the span's tokens and cost, or counts refused usage. Returns whether tokens were recorded.</summary>
    private bool RecordUsage(in SpanFields fields, Usage usage, SpanSeries series, bool kept)
    {
        switch (usage)
        {
            case Usage.Invalid:
                _instruments.InvalidUsage.Add(1, new KeyValuePair<string, object?>(TracingMetrics.ReasonTag, ReasonInvalid));
                return false;
            case Usage.TooLarge:
                _instruments.InvalidUsage.Add(1, new KeyValuePair<string, object?>(TracingMetrics.ReasonTag, ReasonTooLarge));
                return false;
            case Usage.None:
                return false;
        }

        RecordTokens(fields.Input, series, SpanSeries.TokenType.Input);
        RecordTokens(fields.Output, series, SpanSeries.TokenType.Output);
        if (_latestExperimental)
        {
            RecordTokens(fields.CacheRead, series, SpanSeries.TokenType.CacheRead);
            RecordTokens(fields.CacheWrite, series, SpanSeries.TokenType.CacheWrite);
            RecordTokens(fields.Reasoning, series, SpanSeries.TokenType.Reasoning);
        }

        // A value replaced by its cap stands for many: the price is the span's own model's.
        var price = kept ? series.Price : _prices.Find(fields.Provider, fields.ResponseModel, fields.RequestModel);
        var input = fields.Input.Value;
        var output = fields.Output.Value;
        if (price is null)
        {
            _instruments.UnpricedTokens.Add(SaturatingMath.Add(input, output), series.CostTags);
            return true;
        }

        var cost = price.CostValue(input, output, fields.CacheRead.Value);
        if (kept && series.PricedCostTags is { } priced)
        {
            _instruments.Cost.Add(cost, priced);
        }
        else
        {
            var tags = new TagList(series.CostTags)
            {
                { GenAIMetricNames.CurrencyAttribute, price.Currency },
                { GenAIMetricNames.SourceAttribute, GenAIMetricNames.EstimatedSource },
            };
            _instruments.Cost.Add(cost, tags);
        }

        return true;
    }

    private void RecordTokens(SpanFields.TokenField field, SpanSeries series, SpanSeries.TokenType type)
    {
        if (field.IsValid)
        {
            _instruments.TokenUsage.Record(field.Value, series.TokenTags[(int)type]);
        }
    }

    /// <summary>
    /// Walks up the in-process parents of <paramref name="span"/> to the nearest <c>invoke_agent</c> span, which from then
    /// on counts this span's kind of call, and the nearest agent identity on the way (the span's inherited agent).
    /// </summary>
    private Activity? FindEnclosingAgent(Activity span, Activity? parent, out string? inheritedAgent, out SeriesSlots? slots)
    {
        inheritedAgent = null;
        slots = null;
        for (var depth = 0; parent is not null && depth < MaxAncestorDepth; depth++, parent = parent.Parent)
        {
            if (_open.TryGetValue(parent, out var known))
            {
                inheritedAgent ??= known.Agent;
                slots = known.Slots;
                return parent;
            }

            var fields = SpanFields.Read(parent);
            var agent = fields.Agent;
            if (Operation(fields.Operation) == Kind.Agent)
            {
                var tracked = Track(span, parent, agent ?? inheritedAgent ?? TraceAnalysis.UnknownAgent, out var name, out slots);
                inheritedAgent ??= name;
                return tracked ? parent : null;
            }

            inheritedAgent ??= agent;
        }

        return null;
    }

    /// <summary>
    /// Tracks an agent span's invocation, found by a call below it (<paramref name="span"/>), and gets its agent as
    /// capped. An agent already seen is found by its name with its series in one lookup; only a name not seen yet goes
    /// through the agents' cap here.
    /// </summary>
    private bool Track(Activity span, Activity agentSpan, string agentValue, out string agent, out SeriesSlots? slots)
    {
        if (_open.Count >= _maxOpen)
        {
            // Entries of agent spans whose end this listener will never see (their source is not collected) are stale.
            var staleBefore = EndOf(span) - s_staleAfter;
            foreach (var (candidate, _) in _open)
            {
                if (candidate.IsStopped && EndOf(candidate) < staleBefore)
                {
                    _open.Remove(candidate);
                }
            }
        }

        if (_open.Count >= _maxOpen)
        {
            agent = _agents.Get(agentValue);
            slots = null;
            GenAIAttributeCaps.Capped(_instruments, OpenInvocationsAttribute, BoundedValues.ReasonLimit);
            return false;
        }

        slots = SlotsOf(agentValue);
        _open.Add(agentSpan, new OpenInvocation(slots));
        agent = slots.Agent;
        return true;
    }

    private static DateTime EndOf(Activity span) => span.StartTimeUtc + span.Duration;

    /// <summary>Gets the series of an agent, one per capped agent name (the agents' cap bounds them).</summary>
    private SeriesSlots SlotsOf(string agentValue)
    {
        // A name with series was kept by the cap, which keeps it for good: capping it again would give the same instance
        // and count nothing. The replacement value itself is capped again, so its replacements are still counted.
        if (_slots.TryGetValue(agentValue, out var known) && !string.Equals(agentValue, GenAIMetricNames.OtherValue, StringComparison.Ordinal))
        {
            return known;
        }

        var agent = _agents.Get(agentValue);
        ref var slots = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, agent, out _);
        return slots ??= new SeriesSlots(agent);
    }

    private static string? Cap(string? value, BoundedValues cap, ref bool kept)
    {
        if (value is null)
        {
            return null;
        }

        var capped = cap.Get(value, out var valueKept);
        kept &= valueKept;
        return capped;
    }

    private static Kind Operation(string? operation)
    {
        // The instrumentation's literals (interned) are found by reference; any other instance by its text.
        if (ReferenceEquals(operation, GenAIOperations.Chat))
        {
            return Kind.Inference;
        }

        if (ReferenceEquals(operation, GenAIOperations.ExecuteTool))
        {
            return Kind.Tool;
        }

        return ReferenceEquals(operation, GenAIOperations.InvokeAgent) ? Kind.Agent : OperationByText(operation);
    }

    private static Kind OperationByText(string? operation) => operation switch
    {
        null => Kind.None,
        GenAIOperations.Chat or GenAIOperations.TextCompletion or GenAIOperations.GenerateContent => Kind.Inference,
        GenAIOperations.Embeddings => Kind.Embeddings,
        GenAIOperations.ExecuteTool => Kind.Tool,
        GenAIOperations.InvokeAgent => Kind.Agent,
        _ => Kind.None,
    };

    private enum Kind : byte
    {
        None,
        Inference,
        Embeddings,
        Tool,
        Agent,
    }

    private enum Usage : byte
    {
        None,
        Invalid,
        TooLarge,
        Valid,
    }
}
