using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FineTuning.Toolkit.Tests.Providers;

/// <summary>Answers every request with an empty list and records its host and credentials headers.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public ConcurrentQueue<(string Host, string? Authorization, string? ApiKeyHeader, string Path)> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var apiKey = request.Headers.TryGetValues("api-key", out var values) ? string.Join(",", values) : null;
        Requests.Enqueue((request.RequestUri!.Host, request.Headers.Authorization?.ToString(), apiKey, request.RequestUri.AbsolutePath));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"object":"list","data":[],"has_more":false}""", Encoding.UTF8, "application/json"),
        });
    }
}
