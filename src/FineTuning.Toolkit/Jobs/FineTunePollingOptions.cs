using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// How often <see cref="FineTuneJobRunner"/> asks the service about a job. Every wait goes through the runner's
/// <see cref="TimeProvider"/>; the computed delay is never negative and never below <see cref="MinInterval"/>.
/// </summary>
/// <remarks>
/// The cadence is quick while a job validates its files or waits in the queue (backing off up to
/// <see cref="RunningInterval"/>), slower while it runs, and, when the service publishes <c>estimated_finish</c>, it polls
/// every <see cref="MaxInterval"/> while the finish is far, halves the remaining time as it nears (a hedge against an
/// early finish), sleeps to the start of <see cref="FinishWindow"/> and then polls every <see cref="FinishInterval"/>, so
/// completion is noticed within about <see cref="FinishInterval"/> with fewer requests than a fixed 30-second loop.
/// </remarks>
public sealed class FineTunePollingOptions
{
    /// <summary>Gets or sets the first delay while the job is <c>validating_files</c> or <c>queued</c>.</summary>
    /// <value>Defaults to 2 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan QueuedInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the factor applied to the delay after each poll in which a waiting job did not change.</summary>
    /// <value>Defaults to 2.</value>
    [Range(1.0, 10.0)]
    public double QueuedBackoffFactor { get; set; } = 2;

    /// <summary>Gets or sets the delay while the job runs and the service gives no <c>estimated_finish</c>.</summary>
    /// <value>Defaults to 20 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RunningInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets the longest delay between two polls of a job that is not finished.</summary>
    /// <value>Defaults to 3 minutes.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.010", "06:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets the shortest delay between two polls.</summary>
    /// <value>Defaults to 250 milliseconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets how long before <c>estimated_finish</c> the runner switches to <see cref="FinishInterval"/>.</summary>
    /// <value>Defaults to 3 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FinishWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets the delay between polls near (and shortly after) <c>estimated_finish</c>.</summary>
    /// <value>Defaults to 1.8 seconds, so completion is noticed within 2 seconds when the estimate holds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FinishInterval { get; set; } = TimeSpan.FromSeconds(1.8);

    /// <summary>
    /// Gets or sets the factor applied to <see cref="FinishInterval"/> for each poll once <c>estimated_finish</c> has
    /// passed without the job finishing, so a wrong estimate does not cause a flood of requests.
    /// </summary>
    /// <value>Defaults to 1.3.</value>
    [Range(1.0, 10.0)]
    public double OverdueBackoffFactor { get; set; } = 1.3;

    /// <summary>
    /// Gets or sets the shortest time between two downloads of a running job's events. Events are fetched together
    /// with the job when this much time has passed, when the status changes, and once when the job ends.
    /// </summary>
    /// <value>Defaults to 150 seconds (so, far from the finish, every poll also brings the new events).</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00")]
    public TimeSpan EventsInterval { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>Gets or sets how many events one events request asks for.</summary>
    /// <value>Defaults to 20.</value>
    [Range(1, 100)]
    public int EventsPageSize { get; set; } = 20;

    /// <summary>Gets or sets the first delay between checks of an uploaded file that is not <c>processed</c> yet (it doubles up to 10 seconds).</summary>
    /// <value>Defaults to 1 second.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan FileProcessingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long the runner waits for an uploaded file to become <c>processed</c>.</summary>
    /// <value>Defaults to 30 minutes.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan FileProcessingTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
