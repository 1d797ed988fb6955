using System.Collections.Concurrent;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>Passes every request on and records its path and credential headers (values kept only in memory, for assertions).</summary>
internal sealed class HeaderRecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<(string Method, string Path, string? Authorization, string? ApiKey)> Requests { get; } = new();

    public IEnumerable<(string Method, string Path, string? Authorization, string? ApiKey)> Management =>
        Requests.Where(r => r.Path.StartsWith("/subscriptions/", StringComparison.Ordinal));

    public IEnumerable<(string Method, string Path, string? Authorization, string? ApiKey)> DataPlane =>
        Requests.Where(r => r.Path.StartsWith("/openai/v1/", StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var apiKey = request.Headers.TryGetValues("api-key", out var values) ? string.Join(",", values) : null;
        Requests.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), apiKey));
        return base.SendAsync(request, cancellationToken);
    }
}
