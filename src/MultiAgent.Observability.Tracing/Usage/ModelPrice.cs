namespace MultiAgent.Observability.Tracing;

/// <summary>The price of one model: per million input, output and cached-input tokens, in one currency.</summary>
public sealed class ModelPrice
{
    /// <summary>Gets or sets the provider (<c>gen_ai.provider.name</c>, for example <c>openai</c>), or <see langword="null"/> for any provider.</summary>
    /// <value>The default value is <see langword="null"/> (matches the model from any provider).</value>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the model (<c>gen_ai.response.model</c>, else <c>gen_ai.request.model</c>), compared ignoring case.</summary>
    /// <value>The default value is an empty string, which is invalid.</value>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the price of one million input tokens that were not served from a cache.</summary>
    /// <value>The default value is 0.</value>
    public decimal InputPerMillion { get; set; }

    /// <summary>Gets or sets the price of one million output tokens (reasoning tokens included).</summary>
    /// <value>The default value is 0.</value>
    public decimal OutputPerMillion { get; set; }

    /// <summary>
    /// Gets or sets the price of one million input tokens served from a provider cache
    /// (<c>gen_ai.usage.cache_read.input_tokens</c>), or <see langword="null"/> to price them as input tokens.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public decimal? CachedInputPerMillion { get; set; }

    /// <summary>Gets or sets the currency, an ISO 4217 code such as <c>USD</c>.</summary>
    /// <value>The default value is <c>USD</c>.</value>
    public string Currency { get; set; } = "USD";
}
