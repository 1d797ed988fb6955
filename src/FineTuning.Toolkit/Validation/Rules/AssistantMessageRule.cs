using System.Runtime.CompilerServices;
namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>A supervised example has at least one assistant message to learn from.</summary>
internal sealed class AssistantMessageRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.ExampleMissingAssistantMessage];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        if (context.Options.Method != FineTuneMethod.Supervised)
        {
            return;
        }

        foreach (var message in context.Messages)
        {
            if (message.IsAssistant)
            {
                return;
            }
        }

        context.Report(ValidationIssueCodes.ExampleMissingAssistantMessage, "the example has no assistant message to learn from.", field: "messages");
    }
}
