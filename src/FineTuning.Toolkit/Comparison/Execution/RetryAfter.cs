using System.ClientModel;
using System.Net;
using FineTuning.Toolkit.Internal;

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

        return RetryAfterHeader.Parse(response.Headers, now);
    }

    private static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
}
