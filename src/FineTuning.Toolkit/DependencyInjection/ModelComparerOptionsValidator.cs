using FineTuning.Toolkit.Comparison;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>Checks the data annotations of <see cref="ModelComparerOptions"/> (generated at build time); <see cref="ModelComparer"/> runs it on its options.</summary>
[OptionsValidator]
internal sealed partial class ModelComparerOptionsValidator : IValidateOptions<ModelComparerOptions>;
