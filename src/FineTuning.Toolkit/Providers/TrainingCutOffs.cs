using System.Globalization;

namespace FineTuning.Toolkit.Providers;

/// <summary>
/// Refuses to create a job where new jobs are no longer accepted, before anything is uploaded, naming the date and the
/// providers that still train. Dates from OpenAI's deprecations page and its notices of 2026-05-07 and 2026-10-14, and
/// Azure OpenAI's model retirement table (the model lifecycle catalog carries the full, overridable table).
/// </summary>
internal static class TrainingCutOffs
{
    /// <summary>From this day OpenAI accepts no new fine-tuning jobs from anyone.</summary>
    public static readonly DateOnly OpenAINoNewJobs = new(2027, 1, 6);

    /// <summary>The error code of a run refused for a closed provider.</summary>
    public const string ClosedCode = "training_closed";

    private const string StillTraining =
        "Azure OpenAI (provider 'azure': gpt-4o and gpt-4o-mini until 2027-04-01, the gpt-4.1 family until 2027-04-14, o4-mini until 2027-04-16) "
        + "and Together AI (open models) still train; retrain there and compare against your golden answers.";

    /// <summary>The refusal message, or <see langword="null"/> when the provider still accepts new jobs on <paramref name="now"/>.</summary>
    public static string? Refusal(ProviderProfile provider, string model, DateTimeOffset now) =>
        provider == ProviderProfile.OpenAI && DateOnly.FromDateTime(now.UtcDateTime) >= OpenAINoNewJobs
            ? string.Create(CultureInfo.InvariantCulture, $"OpenAI stopped accepting new fine-tuning jobs on {OpenAINoNewJobs:yyyy-MM-dd}, so no job was created for {model} and nothing was uploaded. {StillTraining}")
            : null;
}
