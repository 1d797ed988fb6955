using System.Text.Json;

namespace FineTuning.Toolkit.Validation;

/// <summary>One message of the example being checked, as read from its JSON.</summary>
/// <param name="Index">The index within its list.</param>
/// <param name="Element">The JSON element.</param>
/// <param name="Role">The role, or <see langword="null"/> when missing or not a string.</param>
/// <param name="Text">The text content (a string, or the text parts joined), or an empty string.</param>
/// <param name="Path">The JSON path, for example <c>messages[2]</c>.</param>
/// <param name="Origin">Which list it belongs to.</param>
internal readonly record struct MessageInfo(int Index, JsonElement Element, string? Role, string Text, string Path, MessageOrigin Origin)
{
    public bool IsObject => Element.ValueKind == JsonValueKind.Object;

    public bool IsAssistant => string.Equals(Role, "assistant", StringComparison.Ordinal);

    public bool IsSystem => Role is "system" or "developer";

    public bool HasToolCalls => IsObject
        && ((Element.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0)
            || (Element.TryGetProperty("function_call", out var call) && call.ValueKind == JsonValueKind.Object));
}
