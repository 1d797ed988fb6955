using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>
/// Settings of the toolkit in a host, usually bound from a configuration section such as <c>"FineTuning"</c>: the
/// <see cref="Runner"/> (connection, polling, resilience, uploads, prices) and the <see cref="Comparer"/>. Checked when
/// the host starts (data annotations through a source-generated validator, cross-field rules by hand); nothing here
/// ever prints the API key.
/// </summary>
public sealed class FineTuningToolkitOptions
{
    /// <summary>Gets or sets the settings of the registered <see cref="FineTuneJobRunner"/> (configuration section <c>Runner</c>).</summary>
    /// <value>Defaults to a new <see cref="FineTuneJobRunnerOptions"/>.</value>
    [ValidateObjectMembers]
    public FineTuneJobRunnerOptions Runner { get; set; } = new();

    /// <summary>Gets or sets the settings of the registered <see cref="ModelComparer"/> (configuration section <c>Comparer</c>).</summary>
    /// <value>Defaults to a new <see cref="ModelComparerOptions"/>.</value>
    [ValidateObjectMembers]
    public ModelComparerOptions Comparer { get; set; } = new();
}
