using System.Collections.Concurrent;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>Forwards every request to the real handler and keeps its method, path, content type and body, multipart ones included.</summary>
internal sealed class CapturingHandler() : DelegatingHandler(new HttpClientHandler())
{
    public ConcurrentQueue<(string Method, string Path, string? ContentType, string? Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        Requests.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentType?.ToString(), body));
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Reads a <c>multipart/form-data</c> body as an object of its fields (a file part's value is its text).</summary>
    public static System.Text.Json.Nodes.JsonObject FormFields(string contentType, string body)
    {
        var boundary = contentType.Split("boundary=")[1].Trim('"');
        var fields = new System.Text.Json.Nodes.JsonObject();
        foreach (var part in body.Split("--" + boundary).Select(p => p.Trim('\r', '\n')).Where(p => p.Length > 0 && p != "--"))
        {
            var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = part[..split];
            var name = headers.Split("name=\"")[1].Split('"')[0];
            fields[name] = part[(split + 4)..];
        }

        return fields;
    }
}
