using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace FineTuning.Toolkit.Internal;

/// <summary>
/// The toolkit's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>FineTuning.Toolkit</c>.
/// Subscribe with <c>AddSource("FineTuning.Toolkit")</c> / <c>AddMeter("FineTuning.Toolkit")</c>. Instruments never carry secrets.
/// </summary>
internal static class Telemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "FineTuning.Toolkit";

    private static readonly string? Version = typeof(Telemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>Gets the activity source: one activity per run, per API call and per watch.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Gets the counter of API requests sent (one per attempt), tagged with the operation and the HTTP status.</summary>
    public static Counter<long> ApiRequests { get; } = Meter.CreateCounter<long>(
        "fine_tuning.api.requests", "{request}", "API requests sent to the OpenAI-compatible endpoint (each attempt counts).");

    /// <summary>Gets the counter of retried API calls, tagged with the operation.</summary>
    public static Counter<long> ApiRetries { get; } = Meter.CreateCounter<long>(
        "fine_tuning.api.retries", "{retry}", "API calls retried by the resilience pipeline.");

    /// <summary>Gets the histogram of API attempt durations, in seconds.</summary>
    public static Histogram<double> ApiDuration { get; } = Meter.CreateHistogram<double>(
        "fine_tuning.api.duration", "s", "Duration of one API attempt.");

    /// <summary>Gets the counter of bytes uploaded.</summary>
    public static Counter<long> UploadedBytes { get; } = Meter.CreateCounter<long>(
        "fine_tuning.upload.bytes", "By", "Bytes of training and validation files uploaded.");

    /// <summary>Gets the counter of jobs created (reused jobs are not counted).</summary>
    public static Counter<long> JobsCreated { get; } = Meter.CreateCounter<long>(
        "fine_tuning.jobs.created", "{job}", "Fine-tuning jobs created.");

    /// <summary>Gets the counter of jobs seen ending, tagged with the final status.</summary>
    public static Counter<long> JobsCompleted { get; } = Meter.CreateCounter<long>(
        "fine_tuning.jobs.completed", "{job}", "Fine-tuning jobs seen ending, by status.");

    /// <summary>Gets the histogram of job durations (creation to end, as the service reports them), in seconds.</summary>
    public static Histogram<double> JobDuration { get; } = Meter.CreateHistogram<double>(
        "fine_tuning.jobs.duration", "s", "Duration of fine-tuning jobs from creation to end.");

    /// <summary>Gets the counter of answers in comparisons, tagged with the model and the source (call, cache, resumed).</summary>
    public static Counter<long> ComparisonAnswers { get; } = Meter.CreateCounter<long>(
        "fine_tuning.comparison.answers", "{answer}", "Answers collected by ModelComparer, by model and source (call, cache, resumed).");

    /// <summary>Gets the histogram of model call durations in comparisons, in seconds, tagged with the model.</summary>
    public static Histogram<double> ComparisonCallDuration { get; } = Meter.CreateHistogram<double>(
        "fine_tuning.comparison.call.duration", "s", "Duration of one model call made by ModelComparer (retries included).");

    /// <summary>Gets the counter of scores that are errors (failed calls, judges that errored or answered unparseably), tagged with the criterion.</summary>
    public static Counter<long> ComparisonErrors { get; } = Meter.CreateCounter<long>(
        "fine_tuning.comparison.errors", "{score}", "Scores that could not be decided (Error outcomes), by criterion.");
}
