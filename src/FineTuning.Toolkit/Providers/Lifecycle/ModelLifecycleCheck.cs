namespace FineTuning.Toolkit.Providers;

/// <summary>Whether a fine-tuning job on a model would be accepted on a day, and what to use instead when it would not.</summary>
/// <param name="Provider">The provider checked.</param>
/// <param name="Model">The model checked.</param>
/// <param name="TrainingEndsOn">The day from which jobs are refused, or <see langword="null"/> when no end is announced or the model is unknown.</param>
/// <param name="Alternatives">Other providers' models that still train after the cut-off (<c>provider: model (until …)</c>), same family first.</param>
public sealed record ModelLifecycleCheck(string Provider, string Model, DateOnly? TrainingEndsOn, IReadOnlyList<string> Alternatives)
{
    /// <summary>Gets a value indicating whether the cut-off day has come: creating a job must be refused.</summary>
    public bool IsPastCutOff { get; init; }

    /// <summary>Gets a value indicating whether the cut-off is near (within the warning window) but not passed.</summary>
    public bool IsNearCutOff { get; init; }

    /// <summary>Gets a readable explanation that names the date and the alternatives, or <see langword="null"/> when
    /// the cut-off is neither near nor past.</summary>
    public string? Message { get; init; }
}
