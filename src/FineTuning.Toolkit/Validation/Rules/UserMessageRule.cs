using System.Runtime.CompilerServices;
namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns when an example has no user message.</summary>
internal sealed class UserMessageRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.MissingUserMessage];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        foreach (var message in context.Messages)
        {
            if (string.Equals(message.Role, "user", StringComparison.Ordinal))
            {
                return;
            }
        }

        context.Report(ValidationIssueCodes.MissingUserMessage, "the example has no user message.");
    }
}
