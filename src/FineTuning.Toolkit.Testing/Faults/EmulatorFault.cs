namespace FineTuning.Toolkit.Testing;

/// <summary>One injected failure: what happens to a request matched by <see cref="EmulatorFaults"/>.</summary>
public sealed class EmulatorFault
{
    private EmulatorFault(EmulatorFaultKind kind, TimeSpan retryAfter, TimeSpan delay)
    {
        Kind = kind;
        RetryAfter = retryAfter;
        Delay = delay;
    }

    /// <summary>Gets a fault that does nothing: the request is served normally.</summary>
    public static EmulatorFault None { get; } = new(EmulatorFaultKind.None, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Gets the kind of failure.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>Gets the wait announced in <c>retry-after</c> / <c>retry-after-ms</c> (rate limits, 503).</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Gets the real-time delay of a <see cref="EmulatorFaultKind.SlowResponse"/>.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Creates a 429 <c>rate_limit_exceeded</c> answer.</summary>
    /// <param name="retryAfter">The wait announced in the headers; defaults to 2 seconds.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault RateLimit(TimeSpan? retryAfter = null) =>
        new(EmulatorFaultKind.RateLimit, NotNegative(retryAfter ?? TimeSpan.FromSeconds(2), nameof(retryAfter)), TimeSpan.Zero);

    /// <summary>Creates a 429 <c>daily_rate_limit_exceeded</c> answer, as job creation gives once the daily quota is used.</summary>
    /// <param name="retryAfter">The wait announced in the headers; defaults to 24 hours.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault DailyRateLimit(TimeSpan? retryAfter = null) =>
        new(EmulatorFaultKind.DailyRateLimit, NotNegative(retryAfter ?? TimeSpan.FromHours(24), nameof(retryAfter)), TimeSpan.Zero);

    /// <summary>Creates a 500 <c>server_error</c> answer.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault InternalServerError() => new(EmulatorFaultKind.InternalServerError, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Creates a 503 answer.</summary>
    /// <param name="retryAfter">When set, sent as <c>retry-after</c> / <c>retry-after-ms</c>.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault ServiceUnavailable(TimeSpan? retryAfter = null) =>
        new(EmulatorFaultKind.ServiceUnavailable, NotNegative(retryAfter ?? TimeSpan.Zero, nameof(retryAfter)), TimeSpan.Zero);

    /// <summary>Creates a slow response: the request waits <paramref name="delay"/> of real time, then is served normally.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault SlowResponse(TimeSpan delay) =>
        new(EmulatorFaultKind.SlowResponse, TimeSpan.Zero, NotNegative(delay, nameof(delay)));

    /// <summary>Creates a dropped connection: the connection is aborted before the request is processed.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault DropConnection() => new(EmulatorFaultKind.DropConnection, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Creates a lost response: the request is processed (for example the job is created) and then the
    /// connection is aborted, so the client sees a network error although the server accepted the request.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault LoseResponse() => new(EmulatorFaultKind.LoseResponse, TimeSpan.Zero, TimeSpan.Zero);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        EmulatorFaultKind.SlowResponse => $"{Kind} ({Delay})",
        EmulatorFaultKind.RateLimit or EmulatorFaultKind.DailyRateLimit => $"{Kind} (retry after {RetryAfter})",
        _ => Kind.ToString(),
    };

    private static TimeSpan NotNegative(TimeSpan value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, name);
        return value;
    }
}
