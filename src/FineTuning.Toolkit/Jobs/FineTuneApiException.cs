namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// An OpenAI-compatible API answered with an error that retrying does not fix (or retries were exhausted).
/// The message names the operation, the HTTP status, the error code and the service's message; never the API key.
/// </summary>
public sealed class FineTuneApiException : Exception
{
    /// <summary>The error code of OpenAI's daily limit on job creation.</summary>
    public const string DailyRateLimitExceededCode = "daily_rate_limit_exceeded";

    /// <summary>Initializes a new instance of the <see cref="FineTuneApiException"/> class.</summary>
    public FineTuneApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FineTuneApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    public FineTuneApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FineTuneApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FineTuneApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the HTTP status (0 when no response arrived).</summary>
    public int StatusCode { get; init; }

    /// <summary>Gets the service's error code, for example <c>daily_rate_limit_exceeded</c>, or <see langword="null"/>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the service's error type, or <see langword="null"/>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the parameter at fault, or <see langword="null"/>.</summary>
    public string? Param { get; init; }

    /// <summary>Gets the operation that failed, for example <c>create job</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>Gets the delay the service asked for (<c>retry-after-ms</c> / <c>retry-after</c>), or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether the failure is transient (429, 408, 5xx, no response) and was worth retrying.</summary>
    public bool IsTransient { get; init; }
}
