using System.Runtime.CompilerServices;
namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns when an example has no system (or developer) message to frame the conversation.</summary>
internal sealed class SystemMessageRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.MissingSystemMessage];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        foreach (var message in context.Messages)
        {
            if (message.IsSystem && message.Origin == MessageOrigin.Conversation)
            {
                return;
            }
        }

        context.Report(ValidationIssueCodes.MissingSystemMessage, "the example has no system message; the model will not learn the instructions it answers under.");
    }
}
