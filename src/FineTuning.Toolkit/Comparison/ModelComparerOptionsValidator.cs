using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// Validates <see cref="ModelComparerOptions"/>: the DataAnnotations through the source-generated part, the rules that
/// span fields by hand in the options' <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> implementation.
/// </summary>
[OptionsValidator]
internal sealed partial class ModelComparerOptionsValidator : IValidateOptions<ModelComparerOptions>;
