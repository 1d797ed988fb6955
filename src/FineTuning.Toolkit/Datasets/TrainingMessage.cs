using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// One message of a training conversation, able to express every field of OpenAI's chat fine-tuning format:
/// text or multi-part content, <c>name</c>, <c>weight</c>, <c>tool_calls</c>, <c>refusal</c> and <c>tool_call_id</c>.
/// </summary>
/// <remarks>Immutable; two messages are equal when all their fields are equal (lists compared element by element).</remarks>
public sealed record TrainingMessage
{
    /// <summary>Gets who wrote the message.</summary>
    public required ChatRole Role { get; init; }

    /// <summary>Gets the text content, or <see langword="null"/> when the message has <see cref="ContentParts"/> or no content.</summary>
    public string? Content { get; init; }

    /// <summary>Gets the content as a list of parts (text and images), or <see langword="null"/> when the content is a plain string.</summary>
    public IReadOnlyList<ContentPart>? ContentParts { get; init; }

    /// <summary>Gets the optional participant <c>name</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the training <c>weight</c> of an assistant message: 1 to learn from it, 0 to skip it, <see langword="null"/> for the default (1).</summary>
    public int? Weight { get; init; }

    /// <summary>Gets the tool calls made by an assistant message, or <see langword="null"/>.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>Gets the <c>refusal</c> text of an assistant message, or <see langword="null"/>.</summary>
    public string? Refusal { get; init; }

    /// <summary>Gets the id of the tool call a <see cref="ChatRole.Tool"/> message answers, or <see langword="null"/>.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Gets the text of the message: <see cref="Content"/>, or the concatenated text parts, or an empty string.</summary>
    public string Text => Content ?? (ContentParts is null
        ? string.Empty
        : string.Concat(ContentParts.Select(p => p.Text)));

    /// <summary>Creates a <c>system</c> message.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage System(string content) => new() { Role = ChatRole.System, Content = content };

    /// <summary>Creates a <c>developer</c> message.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage Developer(string content) => new() { Role = KnownRoles.Developer, Content = content };

    /// <summary>Creates a <c>user</c> message.</summary>
    /// <param name="content">What the user says.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage User(string content) => new() { Role = ChatRole.User, Content = content };

    /// <summary>Creates an <c>assistant</c> message.</summary>
    /// <param name="content">The answer the model should learn.</param>
    /// <param name="weight">The training weight (0 or 1), or <see langword="null"/> for the default.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage Assistant(string content, int? weight = null) =>
        new() { Role = ChatRole.Assistant, Content = content, Weight = weight };

    /// <summary>Creates a <c>tool</c> message answering a tool call.</summary>
    /// <param name="toolCallId">The id of the call answered.</param>
    /// <param name="content">The tool's result.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage Tool(string toolCallId, string content) =>
        new() { Role = ChatRole.Tool, ToolCallId = toolCallId, Content = content };

    /// <inheritdoc />
    public bool Equals(TrainingMessage? other) =>
        other is not null
        && Role == other.Role
        && string.Equals(Content, other.Content, StringComparison.Ordinal)
        && Sequences.Equal(ContentParts, other.ContentParts)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Weight == other.Weight
        && Sequences.Equal(ToolCalls, other.ToolCalls)
        && string.Equals(Refusal, other.Refusal, StringComparison.Ordinal)
        && string.Equals(ToolCallId, other.ToolCallId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Role, Content, Sequences.Hash(ContentParts), Name, Weight, Sequences.Hash(ToolCalls), Refusal, ToolCallId);
}
