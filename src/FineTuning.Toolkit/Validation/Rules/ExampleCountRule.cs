using System.Runtime.CompilerServices;
using System.Globalization;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Errors on an empty file (<c>empty_file</c>) and on fewer examples than OpenAI's minimum (<c>too_few_examples</c>).</summary>
internal sealed class ExampleCountRule : IDatasetCheck
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(in LineResult result, Action<ValidationIssue> report)
    {
    }

    public void Complete(DatasetState state, Action<ValidationIssue> report)
    {
        if (state.ExampleCount == 0)
        {
            if (state.Options.IsEnabled(ValidationIssueCodes.EmptyFile))
            {
                report(new ValidationIssue(ValidationIssueCodes.EmptyFile, ValidationSeverity.Error, $"the dataset holds no examples."));
            }

            return;
        }

        if (state.ExampleCount < state.Options.MinExamples && state.Options.IsEnabled(ValidationIssueCodes.TooFewExamples))
        {
            report(new ValidationIssue(
                ValidationIssueCodes.TooFewExamples,
                ValidationSeverity.Error,
                string.Create(CultureInfo.InvariantCulture, $"the dataset has {state.ExampleCount} examples; at least {state.Options.MinExamples} are required."))
            {
            });
        }
    }
}
