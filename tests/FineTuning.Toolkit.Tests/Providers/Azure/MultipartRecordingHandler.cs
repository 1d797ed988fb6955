using System.Collections.Concurrent;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>Buffers and records the body of every multipart request (file uploads) before passing it on.</summary>
internal sealed class MultipartRecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<(string Path, string ContentType, string Body)> Uploads { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content?.Headers.ContentType?.MediaType == "multipart/form-data")
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            Uploads.Enqueue((request.RequestUri!.AbsolutePath, request.Content.Headers.ContentType.ToString(), await request.Content.ReadAsStringAsync(cancellationToken)));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
