using System.Diagnostics;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>
/// Counts the HTTP requests this process has in flight, from the events <see cref="HttpClient"/> publishes on its
/// <c>HttpHandlerDiagnosticListener</c> (a request's stop event comes also when it fails or is cancelled).
/// </summary>
internal static class HttpRequestsInFlight
{
    private static int s_count;

    static HttpRequestsInFlight() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());

    /// <summary>Gets the number of requests started and not yet stopped.</summary>
    public static int Count => Volatile.Read(ref s_count);

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "HttpHandlerDiagnosticListener")
            {
                value.Subscribe(new EventObserver(), static (name, _, _) => name.StartsWith("System.Net.Http.HttpRequestOut", StringComparison.Ordinal));
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }

    private sealed class EventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "System.Net.Http.HttpRequestOut.Start")
            {
                Interlocked.Increment(ref s_count);
            }
            else if (value.Key == "System.Net.Http.HttpRequestOut.Stop")
            {
                Interlocked.Decrement(ref s_count);
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
