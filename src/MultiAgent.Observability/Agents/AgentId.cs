using System.Diagnostics.CodeAnalysis;

namespace MultiAgent.Observability;

/// <summary>
/// A validated agent identifier: 1 to 128 characters, letters, digits, <c>_</c>, <c>-</c> and <c>.</c>,
/// starting with a letter or digit. Compared ordinally.
/// </summary>
public readonly record struct AgentId : IComparable<AgentId>
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 128;

    private readonly string? _value;

    private AgentId(string value) => _value = value;

    /// <summary>Gets the id text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses an agent id.</summary>
    /// <param name="value">The id text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid id; the message says why and where.</exception>
    public static AgentId Parse(string value)
    {
        var error = Validate(value);
        return error is null ? new AgentId(value) : throw new ArgumentException(error, nameof(value));
    }

    /// <summary>Tries to parse an agent id.</summary>
    /// <param name="value">The id text.</param>
    /// <param name="id">The id, when valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out AgentId id)
    {
        id = Validate(value) is null ? new AgentId(value!) : default;
        return id._value is not null;
    }

    /// <summary>Returns why <paramref name="value"/> is not a valid agent id, or null when it is.</summary>
    /// <param name="value">The id text.</param>
    /// <returns>A message naming the offending character and its index, or null.</returns>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "Agent id must not be empty.";
        }

        if (value.Length > MaxLength)
        {
            return $"Agent id '{value[..16]}…' is {value.Length} characters long; at most {MaxLength} are allowed.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = char.IsAsciiLetterOrDigit(c) || (i > 0 && c is '_' or '-' or '.');
            if (!ok)
            {
                return i == 0
                    ? $"Agent id '{value}' must start with a letter or digit, not '{c}'."
                    : $"Agent id '{value}' has '{c}' at index {i}; only letters, digits, '_', '-' and '.' are allowed.";
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public int CompareTo(AgentId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public bool Equals(AgentId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The left id.</param>
    /// <param name="right">The right id.</param>
    /// <returns>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</returns>
    public static bool operator <(AgentId left, AgentId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The left id.</param>
    /// <param name="right">The right id.</param>
    /// <returns>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</returns>
    public static bool operator >(AgentId left, AgentId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The left id.</param>
    /// <param name="right">The right id.</param>
    /// <returns>Whether <paramref name="left"/> sorts before or equal to <paramref name="right"/>.</returns>
    public static bool operator <=(AgentId left, AgentId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The left id.</param>
    /// <param name="right">The right id.</param>
    /// <returns>Whether <paramref name="left"/> sorts after or equal to <paramref name="right"/>.</returns>
    public static bool operator >=(AgentId left, AgentId right) => left.CompareTo(right) >= 0;
}
