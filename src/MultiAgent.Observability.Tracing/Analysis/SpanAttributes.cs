using System.Diagnostics;
using System.Globalization;

namespace MultiAgent.Observability.Tracing;

/// <summary>Reads the attributes the analysis needs, tolerating whatever types instrumentation put in them.</summary>
internal static class SpanAttributes
{
    /// <summary>
    /// Finds an attribute by its current name or, when the span lacks it, by an older or neighbouring spelling
    /// (<see cref="GenAIAttributeAliases"/>): the analysis reads through the same normalisation as the GenAI metrics.
    /// </summary>
    public static object? Find(SpanData span, string key)
    {
        var attributes = span.Attributes;
        if (attributes is null)
        {
            return null;
        }

        if (FindExact(attributes, key, out var value))
        {
            return value;
        }

        foreach (var alias in GenAIAttributeAliases.AliasesOf(key))
        {
            if (FindExact(attributes, alias, out value))
            {
                return value;
            }
        }

        return null;
    }

    private static bool FindExact(IReadOnlyList<KeyValuePair<string, object?>> attributes, string key, out object? value)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (string.Equals(attribute.Key, key, StringComparison.Ordinal))
            {
                value = attribute.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public static string? FindString(SpanData span, string key)
    {
        var text = TextOf(Find(span, key));
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>
    /// The invariant text of an attribute value, or <see langword="null"/> when it has none. Values are whatever
    /// instrumentation set and neither analysis nor export throws on bad data: a value whose <c>ToString</c> throws is
    /// unreadable, treated as absent.
    /// </summary>
    public static string? TextOf(object? value)
    {
        try
        {
            return value switch
            {
                null => null,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }
        catch (Exception)
        {
            return null;
        }
    }

    public static string AgentOf(SpanData span) =>
        FindString(span, GenAIAttributes.AgentName)
        ?? FindString(span, GenAIAttributes.AgentId)
        ?? FindString(span, GenAIAttributes.ServiceName)
        ?? string.Empty;

    /// <summary>Maps <c>gen_ai.operation.name</c> to one of the interned well-known values.</summary>
    public static string OperationOf(SpanData span) => FindString(span, GenAIAttributes.OperationName) switch
    {
        GenAIOperations.InvokeAgent => GenAIOperations.InvokeAgent,
        GenAIOperations.CreateAgent => GenAIOperations.CreateAgent,
        GenAIOperations.Chat => GenAIOperations.Chat,
        GenAIOperations.TextCompletion => GenAIOperations.TextCompletion,
        GenAIOperations.GenerateContent => GenAIOperations.GenerateContent,
        GenAIOperations.Embeddings => GenAIOperations.Embeddings,
        GenAIOperations.ExecuteTool => GenAIOperations.ExecuteTool,
        _ => TraceAnalysis.OtherOperation,
    };

    public static bool IsInference(string operation) =>
        ReferenceEquals(operation, GenAIOperations.Chat)
        || ReferenceEquals(operation, GenAIOperations.TextCompletion)
        || ReferenceEquals(operation, GenAIOperations.GenerateContent);

    public static bool IsError(SpanData span) =>
        span.Status == ActivityStatusCode.Error || FindString(span, GenAIAttributes.ErrorType) is not null;

    /// <summary>Reads a token count: integers of any width, integral floating values and numeric strings.</summary>
    /// <returns><see langword="null"/> when absent; <paramref name="invalid"/> is set when present but unusable.</returns>
    public static long? ReadTokenCount(SpanData span, string key, out bool invalid) => TokenCountOf(Find(span, key), out invalid);

    /// <summary>Converts a token count attribute value: integers of any width, integral floating values and numeric strings.</summary>
    /// <returns><see langword="null"/> when absent; <paramref name="invalid"/> is set when present but unusable (negative, fractional, not a number).</returns>
    public static long? TokenCountOf(object? value, out bool invalid)
    {
        invalid = false;
        long? result = value switch
        {
            null => null,
            long l => l,
            int i => i,
            short s => s,
            sbyte sb => sb,
            byte b => b,
            ushort us => us,
            uint ui => ui,
            ulong ul => ul <= long.MaxValue ? (long)ul : -1,
            double d => FromDouble(d),
            float f => FromDouble(f),
            decimal m => m >= 0 && m <= long.MaxValue && decimal.Truncate(m) == m ? (long)m : -1,
            string text => long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1,
            _ => -1,
        };

        if (result < 0)
        {
            invalid = true;
            return null;
        }

        return result;
    }

    private static long FromDouble(double value) =>
        double.IsFinite(value) && value >= 0 && value <= long.MaxValue && Math.Floor(value) == value ? (long)value : -1;
}
