using System.Diagnostics;
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
/// </remarks>
internal sealed class GenAISpanMetrics : ISpanStoppedObserver
{
    public const string ReasonInvalid = "invalid";
    public const string ReasonTooLarge = "too_large";
    public const string OpenInvocationsAttribute = "invoke_agent";

    private const int MaxAncestorDepth = 64;

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
    private readonly Lock _lock = new();
    private readonly Dictionary<Activity, AgentCalls> _open = new(ReferenceEqualityComparer.Instance);

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

    /// <summary>Gets the number of agent invocations whose calls are being counted (for tests and diagnostics).</summary>
    internal int OpenInvocations
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }

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

        var enclosing = FindEnclosingAgent(parent, out var inheritedAgent);
        var agent = _agents.Get(fields.Agent ?? inheritedAgent ?? TraceAnalysis.UnknownAgent);
        switch (operation)
        {
            case Kind.Inference:
            case Kind.Embeddings:
                OnModelCall(activity, in fields, agent, enclosing, operation == Kind.Inference);
                break;
            case Kind.Tool:
                OnTool(activity, in fields, agent, enclosing);
                break;
            case Kind.Agent:
                OnAgent(activity, in fields, agent, enclosing);
                break;
        }
    }

    private void OnModelCall(Activity activity, in SpanFields fields, string agent, Activity? enclosing, bool inference)
    {
        var tags = ModelTags(fields.Operation!, in fields, agent, withResponseModel: true);
        _instruments.OperationDuration.Record(activity.Duration.TotalSeconds, tags);
        var recorded = RecordUsage(in fields, agent, tags);
        if (enclosing is not null && inference)
        {
            lock (_lock)
            {
                ref var calls = ref CollectionsMarshal.GetValueRefOrNullRef(_open, enclosing);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref calls))
                {
                    calls.Inference++;
                    calls.TokensBelow |= recorded && ReferenceEquals(calls.Agent, agent);
                }
            }
        }
    }

    private void OnTool(Activity activity, in SpanFields fields, string agent, Activity? enclosing)
    {
        var tags = new TagList
        {
            { GenAIAttributes.OperationName, GenAIOperations.ExecuteTool },
            { GenAIAttributes.AgentName, agent },
        };
        AddCapped(ref tags, GenAIAttributes.ToolName, fields.ToolName, _tools);
        AddCapped(ref tags, GenAIAttributes.ToolType, fields.ToolType, _toolTypes);
        AddCapped(ref tags, GenAIAttributes.ErrorType, fields.ErrorType, _errors);
        _instruments.ExecuteToolDuration.Record(activity.Duration.TotalSeconds, tags);
        if (enclosing is not null)
        {
            lock (_lock)
            {
                ref var calls = ref CollectionsMarshal.GetValueRefOrNullRef(_open, enclosing);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref calls))
                {
                    calls.Tool++;
                }
            }
        }
    }

    private void OnAgent(Activity activity, in SpanFields fields, string agent, Activity? enclosing)
    {
        AgentCalls calls;
        lock (_lock)
        {
            _open.Remove(activity, out calls);
        }

        var tags = new TagList { { GenAIAttributes.AgentName, agent } };
        AddCapped(ref tags, GenAIAttributes.RequestModel, fields.RequestModel, _models);
        AddCapped(ref tags, GenAIAttributes.ErrorType, fields.ErrorType, _errors);
        _instruments.InvokeAgentDuration.Record(activity.Duration.TotalSeconds, tags);
        _instruments.InferenceCalls.Record(calls.Inference, tags);
        _instruments.ToolCalls.Record(calls.Tool, tags);

        var counted = calls.TokensBelow;
        if (!counted && fields.HasUsage)
        {
            counted = RecordUsage(in fields, agent, ModelTags(GenAIOperations.InvokeAgent, in fields, agent, withResponseModel: true));
        }

        if (counted && enclosing is not null)
        {
            lock (_lock)
            {
                ref var outer = ref CollectionsMarshal.GetValueRefOrNullRef(_open, enclosing);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref outer) && ReferenceEquals(outer.Agent, agent))
                {
                    outer.TokensBelow = true;
                }
            }
        }
    }

    /// <summary>Records the span's tokens and cost, or refuses and counts bad usage. Returns whether tokens were recorded.</summary>
    private bool RecordUsage(in SpanFields fields, string agent, TagList modelTags)
    {
        if (!fields.HasUsage)
        {
            return false;
        }

        if (fields.Input.IsInvalid || fields.Output.IsInvalid || fields.CacheRead.IsInvalid || fields.CacheWrite.IsInvalid || fields.Reasoning.IsInvalid)
        {
            _instruments.InvalidUsage.Add(1, new KeyValuePair<string, object?>(TracingMetrics.ReasonTag, ReasonInvalid));
            return false;
        }

        var input = fields.Input.Value;
        var output = fields.Output.Value;
        if (input > _maxTokens || output > _maxTokens || fields.CacheRead.Value > _maxTokens || fields.CacheWrite.Value > _maxTokens || fields.Reasoning.Value > _maxTokens)
        {
            _instruments.InvalidUsage.Add(1, new KeyValuePair<string, object?>(TracingMetrics.ReasonTag, ReasonTooLarge));
            return false;
        }

        RecordTokens(fields.Input, GenAITokenTypes.Input, modelTags);
        RecordTokens(fields.Output, GenAITokenTypes.Output, modelTags);
        if (_latestExperimental)
        {
            RecordTokens(fields.CacheRead, GenAITokenTypes.CacheRead, modelTags);
            RecordTokens(fields.CacheWrite, GenAITokenTypes.CacheWrite, modelTags);
            RecordTokens(fields.Reasoning, GenAITokenTypes.Reasoning, modelTags);
        }

        var price = _prices.Find(fields.Provider, fields.ResponseModel, fields.RequestModel);
        var costTags = new TagList { { GenAIAttributes.AgentName, agent } };
        AddCapped(ref costTags, GenAIAttributes.ProviderName, fields.Provider, _providers);
        AddCapped(ref costTags, GenAIAttributes.RequestModel, fields.RequestModel ?? fields.ResponseModel, _models);
        if (price is null)
        {
            _instruments.UnpricedTokens.Add(SaturatingMath.Add(input, output), costTags);
        }
        else
        {
            costTags.Add(GenAIMetricNames.CurrencyAttribute, price.Currency);
            costTags.Add(GenAIMetricNames.SourceAttribute, GenAIMetricNames.EstimatedSource);
            _instruments.Cost.Add((double)price.Cost(input, output, fields.CacheRead.Value), costTags);
        }

        return true;
    }

    private void RecordTokens(SpanFields.TokenField field, string type, TagList modelTags)
    {
        if (field.IsValid)
        {
            modelTags.Add(GenAIMetricNames.TokenTypeAttribute, type);
            _instruments.TokenUsage.Record(field.Value, modelTags);
        }
    }

    private TagList ModelTags(string operation, in SpanFields fields, string agent, bool withResponseModel)
    {
        var tags = new TagList
        {
            { GenAIAttributes.OperationName, operation },
            { GenAIAttributes.AgentName, agent },
        };
        AddCapped(ref tags, GenAIAttributes.ProviderName, fields.Provider, _providers);
        AddCapped(ref tags, GenAIAttributes.RequestModel, fields.RequestModel, _models);
        if (withResponseModel)
        {
            AddCapped(ref tags, GenAIAttributes.ResponseModel, fields.ResponseModel, _models);
        }

        AddCapped(ref tags, GenAIAttributes.ErrorType, fields.ErrorType, _errors);
        return tags;
    }

    /// <summary>
    /// Walks up the in-process parents to the nearest <c>invoke_agent</c> span, which from then on counts this span's
    /// kind of call, and the nearest agent identity on the way (the span's inherited agent).
    /// </summary>
    private Activity? FindEnclosingAgent(Activity? parent, out string? inheritedAgent)
    {
        inheritedAgent = null;
        for (var depth = 0; parent is not null && depth < MaxAncestorDepth; depth++, parent = parent.Parent)
        {
            lock (_lock)
            {
                if (_open.TryGetValue(parent, out var known))
                {
                    inheritedAgent ??= known.Agent;
                    return parent;
                }
            }

            var fields = SpanFields.Read(parent);
            var agent = fields.Agent;
            if (Operation(fields.Operation) == Kind.Agent)
            {
                var name = _agents.Get(agent ?? inheritedAgent ?? TraceAnalysis.UnknownAgent);
                inheritedAgent ??= name;
                return Track(parent, name) ? parent : null;
            }

            inheritedAgent ??= agent;
        }

        return null;
    }

    private bool Track(Activity agentSpan, string agent)
    {
        lock (_lock)
        {
            if (_open.Count >= _maxOpen)
            {
                // Entries of agent spans whose end this listener never saw (their source is not collected) are stale.
                foreach (var candidate in _open.Keys)
                {
                    if (candidate.IsStopped)
                    {
                        _open.Remove(candidate);
                    }
                }
            }

            if (_open.Count >= _maxOpen)
            {
                GenAIAttributeCaps.Capped(_instruments, OpenInvocationsAttribute, BoundedValues.ReasonLimit);
                return false;
            }

            ref var calls = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, agentSpan, out var exists);
            if (!exists)
            {
                calls.Agent = agent;
            }

            return true;
        }
    }

    private static void AddCapped(ref TagList tags, string key, string? value, BoundedValues cap)
    {
        if (value is not null)
        {
            tags.Add(key, cap.Get(value));
        }
    }

    private static Kind Operation(string? operation) => operation switch
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

    private struct AgentCalls
    {
        public string Agent;
        public int Inference;
        public int Tool;
        public bool TokensBelow;
    }
}
