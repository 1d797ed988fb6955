using System.Text.Json;

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
        var root = context.Root;
        if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            context.Report(ValidationIssueCodes.InvalidPreferenceFormat, "a DPO example needs an \"input\" object.", field: "input");
            return;
        }

        if (!input.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            context.Report(ValidationIssueCodes.InvalidPreferenceFormat, "\"input.messages\" must be a non-empty array.", field: "input.messages");
            return;
        }

        var ok = true;
        foreach (var name in (ReadOnlySpan<string>)["preferred_output", "non_preferred_output"])
        {
            if (!root.TryGetProperty(name, out var output) || output.ValueKind != JsonValueKind.Array || output.GetArrayLength() == 0)
            {
                context.Report(ValidationIssueCodes.InvalidPreferenceFormat, $"\"{name}\" must be a non-empty array of assistant messages.", field: name);
                ok = false;
                continue;
            }

            var index = 0;
            foreach (var message in output.EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Object
                    || !message.TryGetProperty("role", out var role)
                    || role.ValueKind != JsonValueKind.String
                    || !role.ValueEquals("assistant"))
                {
                    context.Report(ValidationIssueCodes.InvalidPreferenceFormat, $"every \"{name}\" message must be an assistant message.", index, $"{name}[{index}]");
                    ok = false;
                }

                index++;
            }
        }

        if (!ok)
        {
            return;
        }

        MessageReader.AddMessages(context, messages, "input.messages", MessageOrigin.Conversation);
        MessageReader.AddMessages(context, root.GetProperty("preferred_output"), "preferred_output", MessageOrigin.Preferred);
        MessageReader.AddMessages(context, root.GetProperty("non_preferred_output"), "non_preferred_output", MessageOrigin.NonPreferred);
        if (input.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            context.Tools = tools;
        }

        context.HasShape = true;
    }
}
