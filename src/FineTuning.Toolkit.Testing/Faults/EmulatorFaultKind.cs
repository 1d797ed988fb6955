namespace FineTuning.Toolkit.Testing;

/// <summary>The kinds of failure <see cref="EmulatorFaults"/> can inject into a request.</summary>
public enum EmulatorFaultKind
{
    /// <summary>No fault: the request is served normally (useful inside a scripted sequence).</summary>
    None = 0,

    /// <summary>429 <c>rate_limit_exceeded</c> with <c>retry-after</c>, <c>retry-after-ms</c> and <c>x-ratelimit-*</c> headers.</summary>
    RateLimit,

    /// <summary>429 <c>daily_rate_limit_exceeded</c>, as job creation answers when the daily quota is used up:
    /// retrying within seconds is useless, <c>retry-after</c> points hours ahead.</summary>
    DailyRateLimit,

    /// <summary>500 <c>server_error</c>.</summary>
    InternalServerError,

    /// <summary>503 <c>service_unavailable</c>.</summary>
    ServiceUnavailable,

    /// <summary>The response is delayed (in real time) and then served normally, to exercise client timeouts.</summary>
    SlowResponse,

    /// <summary>The connection is aborted before the request is processed: nothing happens on the server.</summary>
    DropConnection,

    /// <summary>The request is processed (a job or file is created) and then the connection is aborted, so the
    /// client never sees the response although the server state changed.</summary>
    LoseResponse,
}
