using System.Runtime.CompilerServices;
using System.Globalization;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns when an example holds more tokens than the model's per-example limit (it will be truncated).</summary>
internal sealed class ExampleLengthRule : IBuiltInExampleRule
{
    public IReadOnlyList<string> Codes { get; } = [ValidationIssueCodes.ExampleTooLong];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(ExampleRuleContext context)
    {
        if (context.TotalTokens > context.TokenLimit)
        {
            context.Report(
                ValidationIssueCodes.ExampleTooLong,
                string.Create(CultureInfo.InvariantCulture, $"the example has {context.TotalTokens:N0} tokens, more than the {context.TokenLimit:N0} allowed for {context.Options.Model}; it will be truncated."));
        }
    }
}
