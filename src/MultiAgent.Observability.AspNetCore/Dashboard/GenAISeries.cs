namespace MultiAgent.Observability.AspNetCore.Dashboard;

/// <summary>
/// The pipeline names of the GenAI usage series the dashboard sums per agent (the GenAI metrics bridged into the
/// pipeline). When a host records none, the columns stay empty.
/// </summary>
internal static class GenAISeries
{
    /// <summary>The token usage histogram (<c>gen_ai.client.token.usage</c>); its sum is the tokens used.</summary>
    public const string TokenUsage = "gen_ai_client_token_usage";

    /// <summary>The estimated cost counter (<c>multiagent.gen_ai.cost</c>), per currency.</summary>
    public const string Cost = "multiagent_gen_ai_cost";

    /// <summary>The label of <see cref="Cost"/> naming the currency.</summary>
    public const string CurrencyLabel = "currency";
}
