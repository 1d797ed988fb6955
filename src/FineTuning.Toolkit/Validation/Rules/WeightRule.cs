using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary><c>weight</c> is 0 or 1 and only on assistant messages; at least one assistant message keeps weight 1.</summary>
internal sealed class WeightRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.InvalidWeight, ValidationIssueCodes.NoTrainableTokens];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        var assistants = 0;
        var zeroWeighted = 0;
        foreach (var message in context.Messages)
        {
            if (!message.IsObject)
            {
                continue;
            }

            var facts = message.Facts;
            var hasWeight = facts.WeightKind != JsonTokenType.None;
            if (message.IsAssistant && message.Origin == MessageOrigin.Conversation)
            {
                assistants++;
            }

            if (!hasWeight)
            {
                continue;
            }

            if (!message.IsAssistant)
            {
                context.Report(ValidationIssueCodes.InvalidWeight, "\"weight\" is only allowed on assistant messages.", message.Index, message.Path + ".weight");
            }
            else if (facts.WeightKind != JsonTokenType.Number || facts.WeightValue is not { } value || (value != 0 && value != 1))
            {
                context.Report(ValidationIssueCodes.InvalidWeight, $"\"weight\" must be 0 or 1, not {Raw(context, facts.WeightSpan)}.", message.Index, message.Path + ".weight");
            }
            else if (value == 0 && message.Origin == MessageOrigin.Conversation)
            {
                zeroWeighted++;
            }
        }

        if (assistants > 0 && zeroWeighted == assistants && context.Options.Method == FineTuneMethod.Supervised)
        {
            context.Report(ValidationIssueCodes.NoTrainableTokens, "every assistant message has weight 0: nothing would be learnt from this example.", field: "messages");
        }
    }

    private static string Raw(ExampleRuleContext context, JsonlSpan span)
    {
        var raw = span.TextOf(context.Facts.Bytes);
        return raw.Length <= 20 ? raw : raw[..20] + "…";
    }
}
