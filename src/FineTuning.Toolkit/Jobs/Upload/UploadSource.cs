using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// What an upload sends: a dataset serialized straight into the request body, a local file copied into it, or bytes
/// already in memory (one part of a multipart upload). Each attempt writes the source once; nothing goes to a temp file.
/// </summary>
internal sealed class UploadSource
{
    private readonly Dataset? _dataset;
    private readonly string? _path;
    private readonly Func<string, Stream>? _open;
    private readonly ReadOnlyMemory<byte> _bytes;

    private UploadSource(Dataset? dataset, string? path, Func<string, Stream>? open, ReadOnlyMemory<byte> bytes, long? length)
    {
        _dataset = dataset;
        _path = path;
        _open = open;
        _bytes = bytes;
        Length = length;
    }

    /// <summary>Gets the length in bytes when known before writing (files and parts), otherwise <see langword="null"/>.</summary>
    public long? Length { get; }

    public static UploadSource FromDataset(Dataset dataset) => new(dataset, null, null, default, null);

    public static UploadSource FromFile(string path, Func<string, Stream> open)
    {
        var info = new FileInfo(path);
        return info.Exists
            ? new UploadSource(null, path, open, default, info.Length)
            : throw new FileNotFoundException($"The training data file '{path}' does not exist.", path);
    }

    public static UploadSource FromBytes(ReadOnlyMemory<byte> bytes) => new(null, null, null, bytes, bytes.Length);

    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (_dataset is not null)
        {
            await _dataset.WriteJsonlAsync(destination, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (_path is not null)
        {
            var file = _open!(_path);
            await using (file.ConfigureAwait(false))
            {
                await file.CopyToAsync(destination, 1 << 16, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await destination.WriteAsync(_bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a file source for one sequential read (the multipart upload reads its parts from it).</summary>
    public Stream OpenRead() => _path is not null ? _open!(_path) : throw new InvalidOperationException("Only a file source can be read in parts.");

    /// <summary>Opens a local file for one sequential read (the runner's default file opener).</summary>
    public static Stream OpenFile(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
