using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Supervised format: the example holds a non-empty <c>messages</c> array (and <c>tools</c>, when present, is an array).</summary>
internal sealed class MessagesListRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.MissingMessagesList, ValidationIssueCodes.DataType];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        var line = context.Facts;
        var messages = line.Messages;
        if (messages.Kind == JsonTokenType.None)
        {
            var hint = line.Preferred.Kind != JsonTokenType.None ? " (it looks like a DPO example: set Method = Dpo)" : string.Empty;
            context.Report(ValidationIssueCodes.MissingMessagesList, "the example has no \"messages\" list" + hint + ".", field: "messages");
            return;
        }

        if (messages.Kind != JsonTokenType.StartArray)
        {
            context.Report(ValidationIssueCodes.DataType, $"\"messages\" must be an array, not {Describe(messages.Kind)}.", field: "messages");
            return;
        }

        if (messages.Count == 0)
        {
            context.Report(ValidationIssueCodes.MissingMessagesList, "the \"messages\" list is empty.", field: "messages");
            return;
        }

        MessageReader.AddMessages(context, messages, "messages", MessageOrigin.Conversation);
        if (line.ToolsKind == JsonTokenType.StartArray)
        {
            context.Tools = line.Tools;
        }
        else if (line.ToolsKind is not (JsonTokenType.None or JsonTokenType.Null))
        {
            context.Report(ValidationIssueCodes.DataType, $"\"tools\" must be an array, not {Describe(line.ToolsKind)}.", field: "tools");
        }

        context.HasShape = true;
    }

    internal static string Describe(JsonTokenType kind) => kind == JsonTokenType.None ? "undefined" : JsonlValues.Describe(kind);
}
