namespace MultiAgent.Observability.Alerting.Expressions;

/// <summary>What a rule expression computes from the series its selector picks.</summary>
internal enum ExpressionFunction
{
    /// <summary>The newest sample within the lookback (an instant selector).</summary>
    Instant,

    /// <summary><c>rate(v[d])</c>: counters only.</summary>
    Rate,

    /// <summary><c>increase(v[d])</c>: counters only.</summary>
    Increase,

    /// <summary><c>delta(v[d])</c>: gauges only.</summary>
    Delta,

    /// <summary><c>deriv(v[d])</c>: gauges only.</summary>
    Deriv,

    /// <summary><c>absent(v)</c>: one element when no series has a sample within the lookback.</summary>
    Absent,

    /// <summary><c>absent_over_time(v[d])</c>: one element when no series has a sample in the window.</summary>
    AbsentOverTime,
}

/// <summary>A comparison of a rule expression with its threshold.</summary>
internal enum Comparison
{
    None,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
    Equal,
    NotEqual,
}

/// <summary>A parsed rule expression: the PromQL subset <c>[func(]name{matchers}[[d]][)] [op threshold]</c>.</summary>
internal sealed class RuleExpression
{
    public required string Metric { get; init; }

    public required IReadOnlyList<LabelMatcher> Matchers { get; init; }

    public ExpressionFunction Function { get; init; }

    public TimeSpan Window { get; init; }

    public Comparison Comparison { get; init; }

    public double Threshold { get; init; }

    public bool IsAbsence => Function is ExpressionFunction.Absent or ExpressionFunction.AbsentOverTime;

    public bool IsRange => Function is not (ExpressionFunction.Instant or ExpressionFunction.Absent);

    public static string Symbol(Comparison comparison) => comparison switch
    {
        Comparison.Greater => ">",
        Comparison.Less => "<",
        Comparison.GreaterOrEqual => ">=",
        Comparison.LessOrEqual => "<=",
        Comparison.Equal => "==",
        Comparison.NotEqual => "!=",
        _ => string.Empty,
    };

    public static bool Compare(Comparison comparison, double value, double threshold) => comparison switch
    {
        Comparison.Greater => value > threshold,
        Comparison.Less => value < threshold,
        Comparison.GreaterOrEqual => value >= threshold,
        Comparison.LessOrEqual => value <= threshold,
        Comparison.Equal => value == threshold,
        Comparison.NotEqual => value != threshold,
        _ => true,
    };

    /// <summary>Whether a selected series passes the matchers (a missing label is the empty string).</summary>
    public bool Selects(string agentId, IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(LabelValue(matcher.Name, agentId, labels)))
            {
                return false;
            }
        }

        return true;
    }

    private static string LabelValue(string name, string agentId, IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (name == MonitoringLabels.AgentId)
        {
            return agentId;
        }

        foreach (var (key, value) in labels)
        {
            if (key == name)
            {
                return value;
            }
        }

        return string.Empty;
    }
}
