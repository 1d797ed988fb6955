namespace FineTuning.Toolkit.Testing;

/// <summary>
/// How the emulator's Batch API (<c>/v1/batches</c>) behaves: the simulated durations of each status, the completion
/// window after which unfinished requests expire, the provider's limits, and which requests fail.
/// </summary>
public sealed class EmulatorBatchOptions
{
    /// <summary>Gets or sets how long a new batch stays <c>validating</c>.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan ValidationDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a batch stays <c>in_progress</c>; requests complete evenly over it.</summary>
    /// <value>Defaults to 10 minutes.</value>
    public TimeSpan ProcessingDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how long a batch stays <c>finalizing</c> (or <c>cancelling</c>) before its files exist.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan FinalizingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the completion window: a batch still in progress this long after it was created <c>expired</c>;
    /// its finished requests are in the output file and the others in the error file with <c>batch_expired</c>.
    /// </summary>
    /// <value>Defaults to 24 hours, the only window OpenAI offers.</value>
    public TimeSpan CompletionWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the largest number of requests in one batch.</summary>
    /// <value>Defaults to 50,000, OpenAI's limit.</value>
    public int MaxRequests { get; set; } = 50_000;

    /// <summary>Gets or sets the largest input file of one batch, in bytes.</summary>
    /// <value>Defaults to 200 MB, OpenAI's limit; the Together dialect never takes more than Together's 100 MB.</value>
    public long MaxInputBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Gets or sets the share of requests (chosen by a hash of their <c>custom_id</c>) that fail with HTTP 500.</summary>
    /// <value>Defaults to 0.</value>
    public double FailureRate { get; set; }

    /// <summary>
    /// Gets or sets a test of a request line (its raw JSON) that makes it fail with HTTP 500, for example every request
    /// whose prompt contains a marker.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: only <see cref="FailureRate"/> decides.</value>
    public Func<string, bool>? FailRequest { get; set; }
}
