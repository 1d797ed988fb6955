using System.ClientModel;
using System.Text;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// A <c>multipart/form-data</c> request body written straight from its <see cref="UploadSource"/> into the request
/// stream, hashing the file part on the way. The file part always carries a <c>Content-Type</c> (Azure OpenAI refuses a
/// part without one, which the OpenAI SDK's own upload sends).
/// </summary>
internal sealed class StreamingMultipartContent : BinaryContent
{
    private readonly UploadSource _source;
    private readonly byte[] _preamble;
    private readonly byte[] _epilogue;

    public StreamingMultipartContent(UploadSource source, string boundary, string field, string fileName, IReadOnlyList<(string Name, string Value)> fields)
    {
        _source = source;
        var head = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            head.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n").Append(value).Append("\r\n");
        }

        head.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(field)
            .Append("\"; filename=\"").Append(fileName).Append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        _preamble = Encoding.UTF8.GetBytes(head.ToString());
        _epilogue = Encoding.UTF8.GetBytes("\r\n--" + boundary + "--\r\n");
    }

    /// <summary>Returns the value of the request's <c>Content-Type</c> header for a boundary.</summary>
    public static string ContentTypeFor(string boundary) => "multipart/form-data; boundary=" + boundary;

    /// <summary>Returns a new random boundary.</summary>
    public static string NewBoundary() => "ftk-" + Guid.NewGuid().ToString("N");

    /// <summary>Gets the hash of the file part once it has been written completely, otherwise <see langword="null"/>.</summary>
    public string? ContentHash { get; private set; }

    /// <summary>Gets the number of bytes of the file part written by the last complete write.</summary>
    public long FileBytes { get; private set; }

    public override bool TryComputeLength(out long length)
    {
        length = _source.Length is { } n ? _preamble.Length + n + _epilogue.Length : 0;
        return _source.Length is not null;
    }

    public override async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await stream.WriteAsync(_preamble, cancellationToken).ConfigureAwait(false);
        using (var hashing = new HashingStream(stream))
        {
            await _source.WriteToAsync(hashing, cancellationToken).ConfigureAwait(false);
            ContentHash = hashing.HashHex();
            FileBytes = hashing.BytesWritten;
        }

        await stream.WriteAsync(_epilogue, cancellationToken).ConfigureAwait(false);
    }

    public override void WriteTo(Stream stream, CancellationToken cancellationToken = default) =>
        WriteToAsync(stream, cancellationToken).GetAwaiter().GetResult();

    public override void Dispose()
    {
        // Nothing to release: the source is opened and closed inside each write.
    }
}
