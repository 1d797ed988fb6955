using System.Text.Json;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Supervised format: the example holds a non-empty <c>messages</c> array (and <c>tools</c>, when present, is an array).</summary>
internal sealed class MessagesListRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.MissingMessagesList, ValidationIssueCodes.DataType];

    public void Validate(ExampleRuleContext context)
    {
        if (!context.Root.TryGetProperty("messages", out var messages))
        {
            var hint = context.Root.TryGetProperty("preferred_output", out _) ? " (it looks like a DPO example: set Method = Dpo)" : string.Empty;
            context.Report(ValidationIssueCodes.MissingMessagesList, "the example has no \"messages\" list" + hint + ".", field: "messages");
            return;
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            context.Report(ValidationIssueCodes.DataType, $"\"messages\" must be an array, not {Describe(messages)}.", field: "messages");
            return;
        }

        if (messages.GetArrayLength() == 0)
        {
            context.Report(ValidationIssueCodes.MissingMessagesList, "the \"messages\" list is empty.", field: "messages");
            return;
        }

        MessageReader.AddMessages(context, messages, "messages", MessageOrigin.Conversation);
        if (context.Root.TryGetProperty("tools", out var tools))
        {
            if (tools.ValueKind == JsonValueKind.Array)
            {
                context.Tools = tools;
            }
            else if (tools.ValueKind != JsonValueKind.Null)
            {
                context.Report(ValidationIssueCodes.DataType, $"\"tools\" must be an array, not {Describe(tools)}.", field: "tools");
            }
        }

        context.HasShape = true;
    }

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
