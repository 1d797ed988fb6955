using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>
/// Every message is an object with a known role, only the keys the format defines, and usable content
/// (a non-empty string or a list of parts; assistant messages may instead carry tool calls or a refusal).
/// </summary>
internal sealed class MessageKeysRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } =
    [
        ValidationIssueCodes.DataType, ValidationIssueCodes.MessageMissingKey, ValidationIssueCodes.MessageUnrecognizedKey,
        ValidationIssueCodes.UnrecognizedRole, ValidationIssueCodes.MissingContent,
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        foreach (var message in context.Messages)
        {
            var facts = message.Facts;
            if (!message.IsObject)
            {
                context.Report(ValidationIssueCodes.DataType, $"a message must be an object, not {MessagesListRule.Describe(facts.Kind)}.", message.Index, message.Path);
                continue;
            }

            if (facts.UnknownKeys is { } unknown)
            {
                foreach (var key in unknown)
                {
                    context.Report(ValidationIssueCodes.MessageUnrecognizedKey, $"unrecognized key \"{Shorten(key)}\".", message.Index, $"{message.Path}.{Shorten(key)}");
                }
            }

            if (facts.RoleKind == JsonTokenType.None)
            {
                context.Report(ValidationIssueCodes.MessageMissingKey, "the message has no \"role\".", message.Index, message.Path + ".role");
            }
            else if (facts.RoleKind != JsonTokenType.String)
            {
                context.Report(ValidationIssueCodes.DataType, $"\"role\" must be a string, not {MessagesListRule.Describe(facts.RoleKind)}.", message.Index, message.Path + ".role");
            }
            else if (message.Role is not ("system" or "developer" or "user" or "assistant" or "tool" or "function"))
            {
                context.Report(ValidationIssueCodes.UnrecognizedRole, $"unrecognized role \"{Shorten(message.Role!)}\" (expected system, developer, user, assistant or tool).", message.Index, message.Path + ".role");
            }

            if (facts.NameKind is not (JsonTokenType.None or JsonTokenType.String))
            {
                context.Report(ValidationIssueCodes.DataType, $"\"name\" must be a string, not {MessagesListRule.Describe(facts.NameKind)}.", message.Index, message.Path + ".name");
            }

            CheckContent(context, message);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckContent(ExampleRuleContext context, MessageInfo message)
    {
        var facts = message.Facts;
        var alternative = message.IsAssistant && (message.HasToolCalls || facts.RefusalKind == JsonTokenType.String);
        switch (facts.ContentKind)
        {
            case JsonTokenType.None:
                if (!alternative)
                {
                    context.Report(ValidationIssueCodes.MessageMissingKey, "the message has no \"content\".", message.Index, ContentField(message));
                }

                break;
            case JsonTokenType.String:
                if (message.Text.Span.IsWhiteSpace() && !alternative)
                {
                    context.Report(ValidationIssueCodes.MissingContent, "the content is empty.", message.Index, ContentField(message));
                }

                break;
            case JsonTokenType.Null:
                if (!alternative)
                {
                    context.Report(ValidationIssueCodes.MissingContent, "the content is null.", message.Index, ContentField(message));
                }

                break;
            case JsonTokenType.StartArray:
                CheckParts(context, message, ContentField(message));
                break;
            default:
                context.Report(ValidationIssueCodes.DataType, $"\"content\" must be a string or a list of parts, not {MessagesListRule.Describe(facts.ContentKind)}.", message.Index, ContentField(message));
                break;
        }
    }

    // The field an issue about the content names, built only when there is one to report.
    private static string ContentField(MessageInfo message) => message.Path + ".content";

    private static void CheckParts(ExampleRuleContext context, MessageInfo message, string field)
    {
        var index = 0;
        var usable = 0;
        foreach (var part in message.Facts.Parts)
        {
            var partField = $"{field}[{index}]";
            if (part.Kind != JsonTokenType.StartObject || part.TypeKind != JsonTokenType.String)
            {
                context.Report(ValidationIssueCodes.DataType, "a content part must be an object with a \"type\".", message.Index, partField);
            }
            else if (part.Type == "text")
            {
                if (part.TextKind != JsonTokenType.String)
                {
                    context.Report(ValidationIssueCodes.DataType, "a text part needs a string \"text\".", message.Index, partField + ".text");
                }
                else if (part.Text!.Length > 0)
                {
                    usable++;
                }
            }
            else if (part.Type == "image_url")
            {
                if (part.ImageKind != JsonTokenType.StartObject || part.UrlKind != JsonTokenType.String)
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
                context.Report(ValidationIssueCodes.DataType, $"unknown content part type \"{Shorten(part.Type!)}\".", message.Index, partField + ".type");
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
