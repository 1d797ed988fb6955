using Microsoft.Extensions.AI;
namespace FineTuning.Toolkit.Datasets;

/// <summary>Builds one supervised <see cref="TrainingExample"/>, message by message; used by <see cref="DatasetBuilder"/>.</summary>
public sealed class ConversationBuilder
{
    private readonly List<TrainingMessage> _messages = [];
    private readonly List<ToolDefinition> _tools = [];
    private readonly List<string> _tags = [];
    private bool? _parallelToolCalls;

    internal ConversationBuilder()
    {
    }

    /// <summary>Adds a <c>system</c> message.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder System(string content) => Message(TrainingMessage.System(Checked(content)));

    /// <summary>Adds a <c>developer</c> message.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder Developer(string content) => Message(TrainingMessage.Developer(Checked(content)));

    /// <summary>Adds a <c>user</c> message.</summary>
    /// <param name="content">What the user says.</param>
    /// <param name="name">An optional participant name.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder User(string content, string? name = null) =>
        Message(TrainingMessage.User(Checked(content)) with { Name = name });

    /// <summary>Adds a <c>user</c> message made of content parts (text and images).</summary>
    /// <param name="parts">The parts.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder User(params ContentPart[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return Message(new TrainingMessage { Role = ChatRole.User, ContentParts = [.. parts] });
    }

    /// <summary>Adds an <c>assistant</c> message.</summary>
    /// <param name="content">The answer the model should learn.</param>
    /// <param name="weight">The training weight: 1 to learn from it, 0 to skip it, <see langword="null"/> for the default.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder Assistant(string content, int? weight = null) =>
        Message(TrainingMessage.Assistant(Checked(content), weight));

    /// <summary>Adds an <c>assistant</c> message that calls tools.</summary>
    /// <param name="calls">The tool calls.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder AssistantToolCalls(params ToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return Message(new TrainingMessage { Role = ChatRole.Assistant, ToolCalls = [.. calls] });
    }

    /// <summary>Adds an <c>assistant</c> message that refuses.</summary>
    /// <param name="refusal">The refusal text.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder AssistantRefusal(string refusal) =>
        Message(new TrainingMessage { Role = ChatRole.Assistant, Refusal = Checked(refusal, nameof(refusal)) });

    /// <summary>Adds a <c>tool</c> message answering a tool call.</summary>
    /// <param name="toolCallId">The id of the call answered.</param>
    /// <param name="content">The tool's result.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder Tool(string toolCallId, string content)
    {
        ArgumentNullException.ThrowIfNull(toolCallId);
        return Message(TrainingMessage.Tool(toolCallId, Checked(content)));
    }

    /// <summary>Adds any message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder Message(TrainingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.Add(message);
        return this;
    }

    /// <summary>Offers a tool to the model in this example (<c>tools</c>).</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder WithTool(ToolDefinition tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        _tools.Add(tool);
        return this;
    }

    /// <summary>Sets <c>parallel_tool_calls</c>.</summary>
    /// <param name="enabled">The flag.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder WithParallelToolCalls(bool enabled)
    {
        _parallelToolCalls = enabled;
        return this;
    }

    /// <summary>Adds toolkit tags (not written for training).</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>This builder.</returns>
    public ConversationBuilder WithTags(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags.AddRange(tags);
        return this;
    }

    internal TrainingExample Build(string? category) => new()
    {
        Category = category,
        Tags = [.. _tags],
        Messages = [.. _messages],
        Tools = _tools.Count == 0 ? null : [.. _tools],
        ParallelToolCalls = _parallelToolCalls,
    };

    private static string Checked(string value, string name = "content")
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }
}
