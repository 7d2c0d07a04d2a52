using System.ComponentModel;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace AgentFrameworkTracing;

/// <summary>
/// The offline multi-agent conversation the sample traces: a Coordinator agent calls a Researcher agent as a tool, and the
/// Researcher calls a GetWeather function. Both run on <see cref="FakeChatClient"/>s with the Agent Framework's own
/// OpenTelemetry instrumentation (<c>UseOpenTelemetry</c>), so the spans are exactly what a real deployment emits.
/// </summary>
public static class MultiAgentConversation
{
    /// <summary>The name of the agent the user talks to.</summary>
    public const string CoordinatorName = "Coordinator";

    /// <summary>The name of the agent the coordinator calls as a tool.</summary>
    public const string ResearcherName = "Researcher";

    /// <summary>The name of the researcher's function tool.</summary>
    public const string WeatherToolName = "GetWeather";

    /// <summary>Builds the single agent of scenario (a): the researcher with its weather tool.</summary>
    /// <param name="sourceName">The ActivitySource name for the framework's spans; <see langword="null"/> uses its default.</param>
    /// <param name="latency">How long each fake model request takes.</param>
    /// <returns>The instrumented agent.</returns>
    public static AIAgent CreateResearcher(string? sourceName, TimeSpan latency = default)
    {
        var client = new FakeChatClient(
            WeatherToolName,
            static question => new Dictionary<string, object?> { ["city"] = question.Contains("Oslo", StringComparison.Ordinal) ? "Oslo" : "Paris" },
            "It is 12 degrees and raining.",
            latency);
        var weather = AIFunctionFactory.Create(GetWeather, name: WeatherToolName, description: "Gets the current weather for a city.");
        return new ChatClientAgent(client, "You look things up.", ResearcherName, "Finds facts with tools.", [weather])
            .AsBuilder()
            .UseOpenTelemetry(sourceName)
            .Build();
    }

    /// <summary>Builds the agents of scenario (b): the coordinator, which calls the researcher as a tool.</summary>
    /// <param name="sourceName">The ActivitySource name for the framework's spans; <see langword="null"/> uses its default.</param>
    /// <param name="latency">How long each fake model request takes.</param>
    /// <returns>The instrumented coordinator.</returns>
    public static AIAgent CreateCoordinator(string? sourceName, TimeSpan latency = default)
    {
        var researcher = CreateResearcher(sourceName, latency);
        var researcherTool = researcher.AsAIFunction(new AIFunctionFactoryOptions { Name = ResearcherName, Description = "Asks the researcher." });
        var client = new FakeChatClient(
            ResearcherName,
            static question => new Dictionary<string, object?> { ["query"] = question },
            "The researcher says: it is 12 degrees and raining.",
            latency);
        return new ChatClientAgent(client, "You delegate research.", CoordinatorName, "Talks to the user and delegates.", [researcherTool])
            .AsBuilder()
            .UseOpenTelemetry(sourceName)
            .Build();
    }

    /// <summary>Runs one question through an agent.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="question">The user's question.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The agent's answer.</returns>
    public static async Task<string> AskAsync(AIAgent agent, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var response = await agent.RunAsync(question, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Text;
    }

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city.")] string city) => $"12 degrees and raining in {city}";
}
