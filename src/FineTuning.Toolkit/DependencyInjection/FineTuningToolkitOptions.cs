using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Jobs;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Settings of the toolkit in a host, usually bound from a configuration section such as <c>"FineTuning"</c>: the
/// <see cref="FineTuneJobRunnerOptions"/> of the registered runner (connection, polling, resilience, uploads, prices)
/// plus the <see cref="Comparer"/> settings. Validated when the host starts; <see cref="FineTuneJobRunnerOptions.ToString"/>
/// never prints the API key.
/// </summary>
public sealed class FineTuningToolkitOptions : FineTuneJobRunnerOptions
{
    /// <summary>Gets or sets the settings of the registered <see cref="ModelComparer"/>.</summary>
    /// <value>Defaults to a new <see cref="ModelComparerOptions"/>.</value>
    public ModelComparerOptions Comparer { get; set; } = new();
}
