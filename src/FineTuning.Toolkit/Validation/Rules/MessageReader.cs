using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Adds the messages of a list the reader read to <see cref="ExampleRuleContext.Messages"/> (role and text), without judging them.</summary>
internal static class MessageReader
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddMessages(ExampleRuleContext context, JsonlMessageList list, string path, MessageOrigin origin)
    {
        for (var index = 0; index < list.Count; index++)
        {
            var message = list[index];
            // The reader sets Role only when "role" is a string.
            context.Messages.Add(new MessageInfo(index, message, message.Role, ReadText(message), path, origin));
        }
    }

    /// <summary>Gets the text of a message's <c>content</c>: the string, or the <c>text</c> parts joined; empty otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlyMemory<char> ReadText(JsonlMessage message)
    {
        // A message that is no object has no content kind (None).
        if (message.ContentKind == JsonTokenType.String)
        {
            return message.Content;
        }

        if (message.ContentKind != JsonTokenType.StartArray)
        {
            return default;
        }

        string? single = null;
        StringBuilder? builder = null;
        foreach (var part in message.Parts)
        {
            if (part.Kind == JsonTokenType.StartObject && part.TextKind == JsonTokenType.String)
            {
                var text = part.Text ?? string.Empty;
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

        return (builder?.ToString() ?? single ?? string.Empty).AsMemory();
    }
}
