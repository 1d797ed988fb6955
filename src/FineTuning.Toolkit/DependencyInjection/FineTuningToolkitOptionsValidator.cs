using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>Checks the data annotations of <see cref="FineTuningToolkitOptions"/> and everything under it (generated at build time, no reflection).</summary>
[OptionsValidator]
internal sealed partial class FineTuningToolkitOptionsValidator : IValidateOptions<FineTuningToolkitOptions>;
