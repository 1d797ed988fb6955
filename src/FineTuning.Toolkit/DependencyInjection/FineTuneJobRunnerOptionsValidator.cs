using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>Checks the data annotations of <see cref="FineTuneJobRunnerOptions"/> (generated at build time); the runner runs it on its options.</summary>
[OptionsValidator]
internal sealed partial class FineTuneJobRunnerOptionsValidator : IValidateOptions<FineTuneJobRunnerOptions>;
