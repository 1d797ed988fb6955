using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Reads the messages of a JSON list into <see cref="ExampleRuleContext.Messages"/> (role and text), without judging them.</summary>
internal static class MessageReader
{
    public static void AddMessages(ExampleRuleContext context, JsonElement list, string path, MessageOrigin origin)
    {
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            string? role = null;
            var text = string.Empty;
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("role", out var roleElement) && roleElement.ValueKind == JsonValueKind.String)
                {
                    role = KnownRole(roleElement) ?? roleElement.GetString();
                }

                if (element.TryGetProperty("content", out var content))
                {
                    // System prompts repeat on every line: read them without a new string each time.
                    text = role is "system" or "developer" && content.ValueKind == JsonValueKind.String
                        ? context.RepeatedStrings.Read(content)
                        : ReadText(content);
                }
            }

            context.Messages.Add(new MessageInfo(index, element, role, text, path, origin, MessageInfo.ComputeHasToolCalls(element)));
            index++;
        }
    }

    // The common roles without allocating a string per message.
    private static string? KnownRole(JsonElement role) =>
        role.ValueEquals("user") ? "user"
        : role.ValueEquals("assistant") ? "assistant"
        : role.ValueEquals("system") ? "system"
        : role.ValueEquals("tool") ? "tool"
        : role.ValueEquals("developer") ? "developer"
        : null;

    /// <summary>Gets the text of a <c>content</c> value: the string, or the <c>text</c> parts joined; empty otherwise.</summary>
    public static string ReadText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        string? single = null;
        StringBuilder? builder = null;
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("text", out var textElement)
                && textElement.ValueKind == JsonValueKind.String)
            {
                var text = textElement.GetString() ?? string.Empty;
                if (single is null && builder is null)
                {
                    single = text;
                }
                else
                {
                    builder ??= new StringBuilder(single);
                    builder.Append(text);
                }
            }
        }

        return builder?.ToString() ?? single ?? string.Empty;
    }
}
