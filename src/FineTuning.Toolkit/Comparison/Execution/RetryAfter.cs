using System.ClientModel;
using System.Globalization;
using System.Net;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Classifies transient failures and reads <c>retry-after-ms</c> / <c>retry-after</c> from them.</summary>
internal static class RetryAfter
{
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        OperationCanceledException => false,
        ClientResultException client => IsTransientStatus(client.Status) || client.Status == 0,
        HttpRequestException http => http.StatusCode is null || IsTransientStatus((int)http.StatusCode.Value),
        TimeoutException => true,
        _ => false,
    };

    public static TimeSpan? TryGet(Exception? exception, DateTimeOffset now)
    {
        if (exception is not ClientResultException client || client.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (response.Headers.TryGetValue("retry-after", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var delay = date - now;
                return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
            }
        }

        return null;
    }

    private static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
}
