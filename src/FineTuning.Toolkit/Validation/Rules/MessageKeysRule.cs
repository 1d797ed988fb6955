using System.Text.Json;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>
/// Every message is an object with a known role, only the keys the format defines, and usable content
/// (a non-empty string or a list of parts; assistant messages may instead carry tool calls or a refusal).
/// </summary>
internal sealed class MessageKeysRule : IBuiltInExampleRule
{
    private static readonly string[] KnownKeys =
        ["role", "content", "name", "weight", "tool_calls", "tool_call_id", "refusal", "function_call"];

    private static readonly HashSet<string> KnownRoles = ["system", "developer", "user", "assistant", "tool", "function"];

    public IReadOnlyList<string> Codes { get; } =
    [
        ValidationIssueCodes.DataType, ValidationIssueCodes.MessageMissingKey, ValidationIssueCodes.MessageUnrecognizedKey,
        ValidationIssueCodes.UnrecognizedRole, ValidationIssueCodes.MissingContent,
    ];

    public void Validate(ExampleRuleContext context)
    {
        foreach (var message in context.Messages)
        {
            if (!message.IsObject)
            {
                context.Report(ValidationIssueCodes.DataType, $"a message must be an object, not {MessagesListRule.Describe(message.Element)}.", message.Index, message.Path);
                continue;
            }

            foreach (var property in message.Element.EnumerateObject())
            {
                if (!IsKnownKey(property))
                {
                    context.Report(ValidationIssueCodes.MessageUnrecognizedKey, $"unrecognized key \"{Shorten(property.Name)}\".", message.Index, $"{message.Path}.{Shorten(property.Name)}");
                }
            }

            if (!message.Element.TryGetProperty("role", out var role))
            {
                context.Report(ValidationIssueCodes.MessageMissingKey, "the message has no \"role\".", message.Index, message.Path + ".role");
            }
            else if (role.ValueKind != JsonValueKind.String)
            {
                context.Report(ValidationIssueCodes.DataType, $"\"role\" must be a string, not {MessagesListRule.Describe(role)}.", message.Index, message.Path + ".role");
            }
            else if (!KnownRoles.Contains(message.Role!))
            {
                context.Report(ValidationIssueCodes.UnrecognizedRole, $"unrecognized role \"{Shorten(message.Role!)}\" (expected system, developer, user, assistant or tool).", message.Index, message.Path + ".role");
            }

            if (message.Element.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.String)
            {
                context.Report(ValidationIssueCodes.DataType, $"\"name\" must be a string, not {MessagesListRule.Describe(name)}.", message.Index, message.Path + ".name");
            }

            CheckContent(context, message);
        }
    }

    // Compares the UTF-8 name in place: no string allocated per property.
    private static bool IsKnownKey(JsonProperty property)
    {
        foreach (var key in KnownKeys)
        {
            if (property.NameEquals(key))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckContent(ExampleRuleContext context, MessageInfo message)
    {
        var alternative = message.IsAssistant
            && (message.HasToolCalls || (message.Element.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String));
        var field = message.Path + ".content";
        if (!message.Element.TryGetProperty("content", out var content))
        {
            if (!alternative)
            {
                context.Report(ValidationIssueCodes.MessageMissingKey, "the message has no \"content\".", message.Index, field);
            }

            return;
        }

        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                if (string.IsNullOrWhiteSpace(message.Text) && !alternative)
                {
                    context.Report(ValidationIssueCodes.MissingContent, "the content is empty.", message.Index, field);
                }

                break;
            case JsonValueKind.Null:
                if (!alternative)
                {
                    context.Report(ValidationIssueCodes.MissingContent, "the content is null.", message.Index, field);
                }

                break;
            case JsonValueKind.Array:
                CheckParts(context, message, content, field);
                break;
            default:
                context.Report(ValidationIssueCodes.DataType, $"\"content\" must be a string or a list of parts, not {MessagesListRule.Describe(content)}.", message.Index, field);
                break;
        }
    }

    private static void CheckParts(ExampleRuleContext context, MessageInfo message, JsonElement content, string field)
    {
        var index = 0;
        var usable = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partField = $"{field}[{index}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                context.Report(ValidationIssueCodes.DataType, "a content part must be an object with a \"type\".", message.Index, partField);
            }
            else if (type.ValueEquals("text"))
            {
                if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                {
                    context.Report(ValidationIssueCodes.DataType, "a text part needs a string \"text\".", message.Index, partField + ".text");
                }
                else if (text.GetString()!.Length > 0)
                {
                    usable++;
                }
            }
            else if (type.ValueEquals("image_url"))
            {
                if (!part.TryGetProperty("image_url", out var image) || image.ValueKind != JsonValueKind.Object
                    || !image.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
                {
                    context.Report(ValidationIssueCodes.DataType, "an image_url part needs an \"image_url\" object with a string \"url\".", message.Index, partField + ".image_url");
                }
                else
                {
                    usable++;
                }
            }
            else
            {
                context.Report(ValidationIssueCodes.DataType, $"unknown content part type \"{Shorten(type.GetString()!)}\".", message.Index, partField + ".type");
            }

            index++;
        }

        if (usable == 0)
        {
            context.Report(ValidationIssueCodes.MissingContent, "the content list has no text or image.", message.Index, field);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
