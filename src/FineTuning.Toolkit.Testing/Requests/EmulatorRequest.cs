namespace FineTuning.Toolkit.Testing;

/// <summary>One request the emulator received, as recorded in <see cref="EmulatorRequestLog"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Route">The route template that served it (for example <c>/v1/fine_tuning/jobs/{fine_tuning_job_id}</c>),
/// or the path when no route matched.</param>
/// <param name="Path">The request path, with identifiers.</param>
/// <param name="StatusCode">The status code sent, or <see langword="null"/> when the connection was aborted (dropped
/// connection, lost response).</param>
/// <param name="Fault">The injected fault, or <see cref="EmulatorFaultKind.None"/>.</param>
/// <param name="Timestamp">The simulated time the request arrived.</param>
/// <param name="RequestBody">The JSON request body (up to 1 MB), for asserting on what a client sent; <see langword="null"/>
/// for bodies that are not JSON (multipart uploads) or are larger.</param>
public sealed record EmulatorRequest(string Method, string Route, string Path, int? StatusCode, EmulatorFaultKind Fault, DateTimeOffset Timestamp, string? RequestBody);
