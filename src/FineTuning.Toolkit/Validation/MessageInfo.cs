using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation;

/// <summary>One message of the example being checked, as the reader found it.</summary>
/// <param name="Index">The index within its list.</param>
/// <param name="Facts">What the message held (valid or not).</param>
/// <param name="Role">The role, or <see langword="null"/> when missing or not a string.</param>
/// <param name="Text">The text content (a string, or the text parts joined), or empty; a slice of the line's buffer,
/// valid while the line is checked.</param>
/// <param name="ListPath">The JSON path of its list, for example <c>messages</c>.</param>
/// <param name="Origin">Which list it belongs to.</param>
internal readonly record struct MessageInfo(int Index, JsonlMessage Facts, string? Role, ReadOnlyMemory<char> Text, string ListPath, MessageOrigin Origin)
{
    /// <summary>Gets the JSON path of the message, for example <c>messages[2]</c> (built on demand: only issues need it).</summary>
    public string Path => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ListPath}[{Index}]");

    public bool IsObject => Facts.Kind == JsonTokenType.StartObject;

    public bool IsAssistant
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => string.Equals(Role, "assistant", StringComparison.Ordinal);
    }

    public bool IsSystem
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Role is "system" or "developer";
    }

    /// <summary>Gets a value indicating whether it is an object with a non-empty <c>tool_calls</c> list or a <c>function_call</c>.</summary>
    public bool HasToolCalls => IsObject
        && ((Facts.ToolCallsKind == JsonTokenType.StartArray && Facts.Calls.Count > 0) || Facts.FunctionCallKind == JsonTokenType.StartObject);
}
