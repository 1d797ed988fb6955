using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>A hand-written Azure Resource Manager: answers each deployment request with the next scripted (status, body).</summary>
internal sealed class FakeArmHandler(params (HttpStatusCode Status, string Body)[] script) : HttpMessageHandler
{
    private int _next;

    public ConcurrentQueue<(string Method, Uri Uri)> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.Method.Method, request.RequestUri!));
        var (status, body) = script[Math.Min(Interlocked.Increment(ref _next) - 1, script.Length - 1)];
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
