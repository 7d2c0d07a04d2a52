using System.Text.Json;

namespace MultiAgent.Observability.Tracing.Import;

/// <summary>The loops both readers use over a <see cref="JsonStreamReader"/>, with the errors they share.</summary>
internal static class JsonRead
{
    /// <summary>Moves to the next property of the current object; false at its end.</summary>
    public static bool NextProperty(JsonStreamReader reader)
    {
        reader.ReadValue();
        return reader.TokenType != JsonTokenType.EndObject;
    }

    /// <summary>Moves to the next item of the current array; false at its end.</summary>
    public static bool NextItem(JsonStreamReader reader)
    {
        reader.ReadValue();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Reads the value of the current property and requires it to be <paramref name="type"/>.</summary>
    public static void Value(JsonStreamReader reader, JsonTokenType type, string field)
    {
        reader.ReadValue();
        Require(reader, type, field);
    }

    /// <summary>Requires the current token to be <paramref name="type"/>.</summary>
    public static void Require(JsonStreamReader reader, JsonTokenType type, string field)
    {
        if (reader.TokenType != type)
        {
            throw reader.Fail($"'{field}' must be {Describe(type)}, not {Describe(reader.TokenType)}");
        }
    }

    /// <summary>Reads the current property's value as a string (null for JSON null).</summary>
    public static string? String(JsonStreamReader reader, string field, StringPool? pool = null)
    {
        reader.ReadValue();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Require(reader, JsonTokenType.String, field);
        return reader.GetString(pool);
    }

    /// <summary>Reads the current property's value as an integer, a JSON number or a decimal string.</summary>
    public static long Int64(JsonStreamReader reader, string field)
    {
        reader.ReadValue();
        return reader.TryGetInt64(out var value) ? value : throw reader.Fail($"'{field}' must be an integer");
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
