namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>A rule's runtime state: its bound elements and their alerts.</summary>
internal sealed class RuleState(CompiledRule rule)
{
    public CompiledRule Rule { get; set; } = rule;

    /// <summary>Gets the bound series elements, in binding order.</summary>
    public List<AlertSlot> Slots { get; } = [];

    /// <summary>Gets the elements by agent id (agent-status rules).</summary>
    public Dictionary<string, AlertSlot> Agents { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the fingerprints already bound, to refuse a second element with the same label set.</summary>
    public HashSet<ulong> Fingerprints { get; } = [];

    /// <summary>Gets or sets the single absence element.</summary>
    public AlertSlot? Absent { get; set; }

    /// <summary>Gets or sets the evaluator of a vector rule, built on its first evaluation.</summary>
    public VectorProgram? Program { get; set; }

    /// <summary>Gets or sets how many entries of the metric name's series list were already matched.</summary>
    public int Seen { get; set; }

    /// <summary>Enumerates the elements that may hold an alert.</summary>
    public IEnumerable<AlertSlot> AllSlots()
    {
        foreach (var slot in Slots)
        {
            yield return slot;
        }

        foreach (var slot in Agents.Values)
        {
            yield return slot;
        }

        if (Absent is not null)
        {
            yield return Absent;
        }
    }
}
