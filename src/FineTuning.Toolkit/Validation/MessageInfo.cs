using System.Text.Json;

namespace FineTuning.Toolkit.Validation;

/// <summary>One message of the example being checked, as read from its JSON.</summary>
/// <param name="Index">The index within its list.</param>
/// <param name="Element">The JSON element.</param>
/// <param name="Role">The role, or <see langword="null"/> when missing or not a string.</param>
/// <param name="Text">The text content (a string, or the text parts joined), or an empty string.</param>
/// <param name="ListPath">The JSON path of its list, for example <c>messages</c>.</param>
/// <param name="Origin">Which list it belongs to.</param>
/// <param name="HasToolCalls">Whether it is an object with a non-empty <c>tool_calls</c> list or a <c>function_call</c>.</param>
internal readonly record struct MessageInfo(int Index, JsonElement Element, string? Role, string Text, string ListPath, MessageOrigin Origin, bool HasToolCalls)
{
    /// <summary>Gets the JSON path of the message, for example <c>messages[2]</c> (built on demand: only issues need it).</summary>
    public string Path => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ListPath}[{Index}]");

    public bool IsObject => Element.ValueKind == JsonValueKind.Object;

    public bool IsAssistant => string.Equals(Role, "assistant", StringComparison.Ordinal);

    public bool IsSystem => Role is "system" or "developer";

    public static bool ComputeHasToolCalls(JsonElement element) => element.ValueKind == JsonValueKind.Object
        && ((element.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0)
            || (element.TryGetProperty("function_call", out var call) && call.ValueKind == JsonValueKind.Object));
}
