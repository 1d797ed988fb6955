using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>
/// DPO format: <c>input</c> is an object with a non-empty <c>messages</c> array, and <c>preferred_output</c> and
/// <c>non_preferred_output</c> are non-empty arrays of assistant messages.
/// </summary>
internal sealed class PreferenceFormatRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.InvalidPreferenceFormat];

    public void Validate(ExampleRuleContext context)
    {
        var line = context.Facts;
        if (line.InputKind != JsonTokenType.StartObject)
        {
            context.Report(ValidationIssueCodes.InvalidPreferenceFormat, "a DPO example needs an \"input\" object.", field: "input");
            return;
        }

        if (line.InputMessages.Kind != JsonTokenType.StartArray || line.InputMessages.Count == 0)
        {
            context.Report(ValidationIssueCodes.InvalidPreferenceFormat, "\"input.messages\" must be a non-empty array.", field: "input.messages");
            return;
        }

        var ok = CheckOutput(context, line.Preferred, "preferred_output") & CheckOutput(context, line.NonPreferred, "non_preferred_output");
        if (!ok)
        {
            return;
        }

        MessageReader.AddMessages(context, line.InputMessages, "input.messages", MessageOrigin.Conversation);
        MessageReader.AddMessages(context, line.Preferred, "preferred_output", MessageOrigin.Preferred);
        MessageReader.AddMessages(context, line.NonPreferred, "non_preferred_output", MessageOrigin.NonPreferred);
        if (line.InputToolsKind == JsonTokenType.StartArray)
        {
            context.Tools = line.InputTools;
        }

        context.HasShape = true;
    }

    private static bool CheckOutput(ExampleRuleContext context, JsonlMessageList output, string name)
    {
        if (output.Kind != JsonTokenType.StartArray || output.Count == 0)
        {
            context.Report(ValidationIssueCodes.InvalidPreferenceFormat, $"\"{name}\" must be a non-empty array of assistant messages.", field: name);
            return false;
        }

        var ok = true;
        for (var index = 0; index < output.Count; index++)
        {
            var message = output[index];
            if (message.Kind != JsonTokenType.StartObject || message.RoleKind != JsonTokenType.String || message.Role != "assistant")
            {
                context.Report(ValidationIssueCodes.InvalidPreferenceFormat, $"every \"{name}\" message must be an assistant message.", index, $"{name}[{index}]");
                ok = false;
            }
        }

        return ok;
    }
}
