using System.ClientModel;
using System.Text;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// A <c>multipart/form-data</c> body of one file and its purpose, streamed from disk (the file is never held in memory),
/// with the part's own <c>Content-Type</c> (Azure OpenAI refuses a file part without one).
/// </summary>
internal sealed class MultipartFileContent : BinaryContent
{
    private readonly string _path;
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;

    public MultipartFileContent(string path, string fileName, string purpose, string boundaryToken)
    {
        _path = path;
        var boundary = "ftk-boundary-" + boundaryToken;
        ContentType = "multipart/form-data; boundary=" + boundary;
        _prefix = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n{purpose}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/jsonl\r\n\r\n");
        _suffix = Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n");
    }

    /// <summary>Gets the value of the request's <c>Content-Type</c> header, with the boundary.</summary>
    public string ContentType { get; }

    public override bool TryComputeLength(out long length)
    {
        length = _prefix.Length + new FileInfo(_path).Length + _suffix.Length;
        return true;
    }

    public override void WriteTo(Stream stream, CancellationToken cancellationToken = default)
    {
        stream.Write(_prefix);
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            file.CopyTo(stream);
        }

        stream.Write(_suffix);
    }

    public override async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await stream.WriteAsync(_prefix, cancellationToken).ConfigureAwait(false);
        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(_suffix, cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
    }
}
