using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The single Polly resilience pipeline around every API call of <see cref="FineTuneJobRunner"/>: retry with
/// exponential backoff and jitter (honouring <c>retry-after-ms</c> / <c>retry-after</c>), a circuit breaker and a
/// per-attempt timeout. The OpenAI SDK's own retry is turned off so retries do not multiply.
/// </summary>
public sealed class FineTuneResilienceOptions
{
    /// <summary>Gets or sets how many times a failed call is retried (429, 408, 5xx, timeouts, dropped connections).</summary>
    /// <value>Defaults to 8.</value>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 8;

    /// <summary>Gets or sets the base delay of the exponential backoff.</summary>
    /// <value>Defaults to 1 second.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff delay.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a value indicating whether backoff delays are randomised (decorrelated jitter).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Gets or sets the cap on a delay asked for by the service through <c>retry-after-ms</c> or <c>retry-after</c>.
    /// A longer request is shortened to this value.
    /// </summary>
    /// <value>Defaults to 60 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the timeout of one attempt (one HTTP request and its response).</summary>
    /// <value>Defaults to 2 minutes.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets a value indicating whether the circuit breaker is on.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool UseCircuitBreaker { get; set; } = true;

    /// <summary>Gets or sets the failure ratio, within <see cref="SamplingDuration"/>, at which the circuit opens.</summary>
    /// <value>Defaults to 0.8.</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.8;

    /// <summary>Gets or sets how many calls must be seen within <see cref="SamplingDuration"/> before the circuit can open.</summary>
    /// <value>Defaults to 20.</value>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>Gets or sets the window in which failures are counted.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before one trial call is let through.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
