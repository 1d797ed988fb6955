using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The request pipeline around the API handlers: request log, OpenAI-style headers, API-key check and fault injection.</summary>
internal sealed class EmulatorMiddleware
{
    private const string DroppedKey = "FineTuning.Toolkit.Testing.Dropped";
    private const string FaultKey = "FineTuning.Toolkit.Testing.Fault";

    private readonly EmulatorState _state;
    private readonly EmulatorFaults _faults;
    private readonly EmulatorRequestLog _log;
    private readonly EmulatorAuth _auth;

    public EmulatorMiddleware(EmulatorState state, EmulatorFaults faults, EmulatorRequestLog log)
    {
        _state = state;
        _faults = faults;
        _log = log;
        _auth = new EmulatorAuth(state.Options);
    }

    /// <summary>Outermost: records the request once it is answered (or aborted) and adds the headers real responses carry.</summary>
    public async Task LogAsync(HttpContext context, RequestDelegate next)
    {
        var arrivedAt = _state.Now;
        var requestId = "req_" + _state.NewTransientId(string.Empty, 32).ToLowerInvariant();
        var started = _state.Options.TimeProvider.GetTimestamp();
        var requestBody = await ReadJsonBodyAsync(context.Request).ConfigureAwait(false);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["x-request-id"] = requestId;
            if (_state.Options.Dialect == EmulatorDialect.OpenAI)
            {
                headers["openai-organization"] = _state.Options.Organization;
                headers["openai-version"] = "2020-10-01";
            }
            else if (_state.Options.Dialect == EmulatorDialect.Azure)
            {
                headers["apim-request-id"] = requestId;
                headers["x-ms-region"] = "Sweden Central";
            }

            headers["openai-processing-ms"] = ((long)_state.Options.TimeProvider.GetElapsedTime(started).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            if (!headers.ContainsKey("x-ratelimit-limit-requests"))
            {
                headers["x-ratelimit-limit-requests"] = "10000";
                headers["x-ratelimit-remaining-requests"] = "9999";
                headers["x-ratelimit-reset-requests"] = "6ms";
                headers["x-ratelimit-limit-tokens"] = "10000000";
                headers["x-ratelimit-remaining-tokens"] = "9999000";
                headers["x-ratelimit-reset-tokens"] = "0s";
            }

            return Task.CompletedTask;
        });

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            context.Items[DroppedKey] = true;
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
            var fault = context.Items.TryGetValue(FaultKey, out var f) && f is EmulatorFaultKind kind ? kind : EmulatorFaultKind.None;
            var aborted = context.Items.ContainsKey(DroppedKey) || context.Items.ContainsKey(HttpResults.LoseResponseKey) || context.RequestAborted.IsCancellationRequested;
            _log.Add(new EmulatorRequest(context.Request.Method, route, context.Request.Path.Value ?? "/", aborted ? null : context.Response.StatusCode, fault, arrivedAt, requestBody));
        }
    }

    /// <summary>After routing: 404 for unknown URLs, 401 for a missing or wrong key, then the faults for the route.</summary>
    public async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            await (_state.Options.Dialect == EmulatorDialect.Azure
                ? AzureJson.Error(context, StatusCodes.Status404NotFound, "404", "Resource not found")
                : HttpResults.Error(context, StatusCodes.Status404NotFound, $"Invalid URL ({context.Request.Method} {context.Request.Path})")).ConfigureAwait(false);
            return;
        }

        if (await _auth.RejectAsync(context).ConfigureAwait(false) is { } reason)
        {
            EmulatorLog.Unauthorized(_state.Logger, context.Request.Method, context.Request.Path.Value ?? "/", reason);
            return;
        }

        var fault = _faults.Next(context.Request.Method, endpoint.RoutePattern.RawText ?? context.Request.Path.Value ?? "/");
        if (fault is null || fault.Kind == EmulatorFaultKind.None)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Items[FaultKey] = fault.Kind;
        EmulatorLog.FaultInjected(_state.Logger, fault.Kind, context.Request.Method, endpoint.RoutePattern.RawText ?? "/");
        switch (fault.Kind)
        {
            case EmulatorFaultKind.RateLimit:
                RateLimitHeaders(context, fault.RetryAfter, limit: 60);
                await HttpResults.Error(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    string.Create(CultureInfo.InvariantCulture, $"Rate limit reached for requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in {fault.RetryAfter.TotalSeconds:0.###}s."),
                    type: "requests",
                    code: "rate_limit_exceeded").ConfigureAwait(false);
                break;
            case EmulatorFaultKind.DailyRateLimit:
                RateLimitHeaders(context, fault.RetryAfter, limit: 3);
                await HttpResults.Error(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    "This fine-tune request has been rate-limited. Your organization has reached the maximum of 3 fine-tuning requests per day for this model. Please try again tomorrow.",
                    code: "daily_rate_limit_exceeded").ConfigureAwait(false);
                break;
            case EmulatorFaultKind.InternalServerError:
                await HttpResults.Error(context, StatusCodes.Status500InternalServerError, "The server had an error while processing your request. Sorry about that!", type: "server_error").ConfigureAwait(false);
                break;
            case EmulatorFaultKind.ServiceUnavailable:
                if (fault.RetryAfter > TimeSpan.Zero)
                {
                    RetryAfterHeaders(context, fault.RetryAfter);
                }

                await HttpResults.Error(context, StatusCodes.Status503ServiceUnavailable, "The engine is currently overloaded, please try again later.", type: "server_error", code: "service_unavailable").ConfigureAwait(false);
                break;
            case EmulatorFaultKind.SlowResponse:
                await Task.Delay(fault.Delay, _state.Options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                await next(context).ConfigureAwait(false);
                break;
            case EmulatorFaultKind.DropConnection:
                context.Items[DroppedKey] = true;
                context.Abort();
                break;
            case EmulatorFaultKind.LoseResponse:
                context.Items[HttpResults.LoseResponseKey] = true;
                await next(context).ConfigureAwait(false);
                break;
            default:
                await next(context).ConfigureAwait(false);
                break;
        }
    }

    private static void RetryAfterHeaders(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers["retry-after"] = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["retry-after-ms"] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static void RateLimitHeaders(HttpContext context, TimeSpan retryAfter, int limit)
    {
        RetryAfterHeaders(context, retryAfter);
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit-requests"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-requests"] = "0";
        headers["x-ratelimit-reset-requests"] = Duration(retryAfter);
        headers["x-ratelimit-limit-tokens"] = "200000";
        headers["x-ratelimit-remaining-tokens"] = "199000";
        headers["x-ratelimit-reset-tokens"] = "300ms";
    }

    /// <summary>Formats a duration as OpenAI does in <c>x-ratelimit-reset-*</c>: <c>1h2m3s</c>, <c>20s</c>, <c>300ms</c>.</summary>
    internal static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var builder = new StringBuilder();
        if (value.TotalHours >= 1)
        {
            builder.Append(((long)value.TotalHours).ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (value.TotalMinutes >= 1)
        {
            builder.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = value.Seconds + (value.Milliseconds / 1000.0);
        builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return builder.ToString();
    }

    private static async Task<string?> ReadJsonBodyAsync(HttpRequest request)
    {
        const int MaxLoggedBody = 1024 * 1024;
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true
            || request.ContentLength is null or > MaxLoggedBody)
        {
            return null;
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        return text;
    }
}
