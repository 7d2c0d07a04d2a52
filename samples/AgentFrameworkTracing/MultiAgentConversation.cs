using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using MultiAgent.Observability.Tracing;

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

    /// <summary>The name of the agent that hands the user's task to the coordinator through a queue.</summary>
    public const string DispatcherName = "Dispatcher";

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

    /// <summary>
    /// Runs the full scenario: a Dispatcher agent (instrumented with <see cref="AgentActivitySource"/>) sends the task
    /// as a message with W3C trace context in its headers over a queue; the receiving side extracts the context, so the
    /// coordinator's spans join the dispatcher's trace as they would across processes.
    /// </summary>
    /// <param name="coordinator">The coordinator agent (see <see cref="CreateCoordinator"/>).</param>
    /// <param name="question">The user's question.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The answer and the id of the trace that followed the task.</returns>
    public static async Task<(string Answer, ActivityTraceId TraceId)> DispatchAsync(AIAgent coordinator, string question, CancellationToken cancellationToken = default)
    {
        var queue = Channel.CreateUnbounded<TaskMessage>();

        // The receiving side starts before any span exists and shares nothing with the sender but the message.
        Activity.Current = null;
        var receiver = Task.Run(() => ReceiveAsync(coordinator, queue.Reader, cancellationToken), cancellationToken);

        string answer;
        ActivityTraceId traceId;
        using (var dispatcher = AgentActivitySource.StartInvokeAgent(DispatcherName, conversationId: "conversation-1"))
        {
            traceId = dispatcher?.TraceId ?? default;
            var message = new TaskMessage(new Dictionary<string, string>(), question, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
            if (dispatcher is not null)
            {
                AgentTraceContext.Inject(dispatcher.Context, message.Headers);
            }

            await queue.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            answer = await message.Reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        queue.Writer.Complete();
        await receiver.ConfigureAwait(false);
        return (answer, traceId);
    }

    private static async Task ReceiveAsync(AIAgent coordinator, ChannelReader<TaskMessage> queue, CancellationToken cancellationToken)
    {
        await foreach (var message in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // A malformed or missing header gives a reason instead of an exception; the work then starts a new trace.
            var parent = AgentTraceContext.Extract(message.Headers);
            using var receive = AgentActivitySource.Source.StartActivity("process task", ActivityKind.Consumer, parent.Context);
            receive?.SetTag(GenAIAttributes.AgentName, CoordinatorName);
            try
            {
                message.Reply.SetResult(await AskAsync(coordinator, message.Body, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                receive?.SetError(ex);
                message.Reply.SetException(ex);
            }
        }
    }

    private sealed record TaskMessage(Dictionary<string, string> Headers, string Body, TaskCompletionSource<string> Reply);

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city.")] string city) => $"12 degrees and raining in {city}";
}
