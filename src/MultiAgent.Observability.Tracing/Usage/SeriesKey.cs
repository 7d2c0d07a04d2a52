namespace MultiAgent.Observability.Tracing;

/// <summary>What one series of the GenAI metrics is: its kind and the attribute values its tags carry (null when absent or not part of the kind).</summary>
internal readonly record struct SeriesKey(
    SeriesKind Kind,
    string? Operation,
    string Agent,
    string? Provider,
    string? RequestModel,
    string? ResponseModel,
    string? ToolName,
    string? ToolType,
    string? ErrorType)
{
    /// <summary>Gets the key of a span's values as read, before any cap.</summary>
    public static SeriesKey Of(SeriesKind kind, string agent, in SpanFields fields) => kind switch
    {
        SeriesKind.ModelCall => new(kind, fields.Operation, agent, fields.Provider, fields.RequestModel, fields.ResponseModel, null, null, fields.ErrorType),
        SeriesKind.Tool => new(kind, null, agent, null, null, null, fields.ToolName, fields.ToolType, fields.ErrorType),
        _ => new(kind, null, agent, null, fields.RequestModel, null, null, null, fields.ErrorType),
    };
}
