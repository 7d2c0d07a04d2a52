using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFrameworkTracing;

/// <summary>
/// An offline <see cref="IChatClient"/>: while the conversation holds no tool result it asks for one tool call, and once
/// the tool has answered it replies with text. Every response carries <see cref="UsageDetails"/>, so the trace has
/// token counts without a model or a network.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly string _toolName;
    private readonly Func<string, IDictionary<string, object?>> _arguments;
    private readonly string _answer;
    private readonly TimeSpan _latency;
    private readonly TimeProvider _timeProvider;
    private readonly ChatClientMetadata _metadata = new("fakeprovider", null, "fake-model");
    private int _calls;

    /// <summary>Initializes a new instance of the <see cref="FakeChatClient"/> class.</summary>
    /// <param name="toolName">The tool the model asks for on the first request.</param>
    /// <param name="arguments">The call's arguments, from the user's last message text.</param>
    /// <param name="answer">The final text answer.</param>
    /// <param name="latency">How long each request takes, so the waterfall has something to show.</param>
    /// <param name="timeProvider">The clock the latency is waited on.</param>
    public FakeChatClient(string toolName, Func<string, IDictionary<string, object?>> arguments, string answer, TimeSpan latency = default, TimeProvider? timeProvider = null)
    {
        _toolName = toolName;
        _arguments = arguments;
        _answer = answer;
        _latency = latency;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the input tokens reported for the request that asks for the tool.</summary>
    public static int FirstInputTokens => 10;

    /// <summary>Gets the output tokens reported for the request that asks for the tool.</summary>
    public static int FirstOutputTokens => 3;

    /// <summary>Gets the input tokens reported for the request that answers.</summary>
    public static int SecondInputTokens => 20;

    /// <summary>Gets the output tokens reported for the request that answers.</summary>
    public static int SecondOutputTokens => 6;

    /// <summary>Gets the number of requests served.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Interlocked.Increment(ref _calls);
        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        var list = messages as IList<ChatMessage> ?? [.. messages];
        var hasToolResult = false;
        var question = string.Empty;
        foreach (var message in list)
        {
            foreach (var content in message.Contents)
            {
                hasToolResult |= content is FunctionResultContent;
            }

            if (message.Role == ChatRole.User)
            {
                question = message.Text;
            }
        }

        ChatResponse response;
        if (!hasToolResult)
        {
            var call = new FunctionCallContent("call_" + _toolName, _toolName, _arguments(question));
            response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [call]))
            {
                Usage = new UsageDetails { InputTokenCount = FirstInputTokens, OutputTokenCount = FirstOutputTokens, TotalTokenCount = FirstInputTokens + FirstOutputTokens },
            };
        }
        else
        {
            response = new ChatResponse(new ChatMessage(ChatRole.Assistant, _answer))
            {
                Usage = new UsageDetails { InputTokenCount = SecondInputTokens, OutputTokenCount = SecondOutputTokens, TotalTokenCount = SecondInputTokens + SecondOutputTokens },
            };
        }

        response.ModelId = "fake-model";
        response.FinishReason = hasToolResult ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls;
        return response;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
