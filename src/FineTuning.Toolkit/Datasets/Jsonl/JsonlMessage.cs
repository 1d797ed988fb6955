using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// What one element of a message list held, as read (valid or not): for each key of the format the token found
/// (<see cref="JsonTokenType.None"/> when absent) and the value when it has the expected type, plus the keys outside the
/// format. On duplicate keys the last one wins. Reused from line to line by <see cref="JsonlLine"/>.
/// </summary>
internal sealed class JsonlMessage
{
    public JsonTokenType Kind;
    public JsonTokenType RoleKind;
    public string? Role;
    public JsonTokenType ContentKind;

    /// <summary>The text of a string <c>content</c> (a slice of the line's <see cref="JsonlLine.Texts"/>, or a repeated
    /// system prompt's string); empty otherwise.</summary>
    public ReadOnlyMemory<char> Content;
    public JsonTokenType NameKind;
    public string? Name;
    public JsonTokenType WeightKind;
    public int? Weight;
    public double? WeightValue;
    public JsonlSpan WeightSpan;
    public JsonTokenType ToolCallsKind;
    public JsonlSpan ToolCallsSpan;
    public JsonTokenType RefusalKind;
    public string? Refusal;
    public JsonTokenType ToolCallIdKind;
    public string? ToolCallId;
    public JsonTokenType FunctionCallKind;
    public JsonTokenType FunctionCallArgumentsKind;
    public string? FunctionCallArguments;

    private List<JsonlPart>? _parts;
    private List<JsonlCall>? _calls;

    /// <summary>Gets the elements of <c>content</c> when it is a list (the list is created on first use: a line can hold
    /// millions of messages).</summary>
    public List<JsonlPart> Parts => _parts ??= [];

    /// <summary>Gets the elements of <c>tool_calls</c> when it is a list (created on first use).</summary>
    public List<JsonlCall> Calls => _calls ??= [];

    /// <summary>Gets the keys outside the format, in order (<see langword="null"/> for none).</summary>
    public List<string>? UnknownKeys { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset(JsonTokenType kind)
    {
        Kind = kind;
        RoleKind = ContentKind = NameKind = WeightKind = ToolCallsKind = RefusalKind = ToolCallIdKind = FunctionCallKind = FunctionCallArgumentsKind = JsonTokenType.None;
        Role = Name = Refusal = ToolCallId = FunctionCallArguments = null;
        Content = default;
        Weight = null;
        WeightValue = null;
        WeightSpan = ToolCallsSpan = default;
        ClearParts();
        ClearCalls();
        UnknownKeys?.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClearParts() => _parts?.Clear();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClearCalls() => _calls?.Clear();

    public void AddUnknownKey(string key) => (UnknownKeys ??= []).Add(key);

    /// <summary>Builds the typed message; only valid when the line was read without error.</summary>
    public TrainingMessage ToTrainingMessage() => new()
    {
        Role = RoleOf(Role!),
        Content = ContentKind == JsonTokenType.String ? TextArena.ToString(Content) : null,
        ContentParts = ContentKind == JsonTokenType.StartArray ? TypedParts() : null,
        Name = Name,
        Weight = Weight,
        ToolCalls = ToolCallsKind == JsonTokenType.StartArray ? TypedCalls() : null,
        Refusal = Refusal,
        ToolCallId = ToolCallId,
    };

    private static ChatRole RoleOf(string role) => role switch
    {
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "system" => ChatRole.System,
        "developer" => KnownRoles.Developer,
        _ => ChatRole.Tool,
    };

    private ImmutableArray<ContentPart> TypedParts()
    {
        var builder = ImmutableArray.CreateBuilder<ContentPart>(Parts.Count);
        foreach (var part in Parts)
        {
            builder.Add(part.Type == "text" ? ContentPart.FromText(part.Text!) : ContentPart.FromImageUrl(part.Url!, part.Detail));
        }

        return builder.MoveToImmutable();
    }

    private ImmutableArray<ToolCall> TypedCalls()
    {
        var builder = ImmutableArray.CreateBuilder<ToolCall>(Calls.Count);
        foreach (var call in Calls)
        {
            builder.Add(new ToolCall(call.Id!, call.Name!, call.Arguments!));
        }

        return builder.MoveToImmutable();
    }
}
