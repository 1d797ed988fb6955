using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Turns a request's data (a file id, a local file or a dataset) into an uploaded file, the same way on every provider:
/// an id is taken as it is, a file or a dataset is uploaded by the provider's <see cref="IFineTuneService"/>.
/// </summary>
internal sealed class UploadResolution(IFineTuneService service, Func<string, Stream>? openFile)
{
    private readonly Func<string, Stream> _openFile = openFile ?? UploadSource.OpenFile;

    /// <summary>The uploaded (or given) file; <see langword="null"/> when the request has none of the three.</summary>
    public async Task<UploadedFile?> ResolveAsync(Dataset? dataset, string? path, string? fileId, string role, CancellationToken cancellationToken) =>
        fileId is not null ? new UploadedFile(fileId, Reused: true)
        : path is not null ? await UploadFileAsync(path, cancellationToken).ConfigureAwait(false)
        : dataset is not null ? await service.UploadAsync(UploadSource.FromDataset(dataset), role, cancellationToken).ConfigureAwait(false)
        : null;

    /// <summary>Uploads a local JSONL file, named after it.</summary>
    public Task<UploadedFile> UploadFileAsync(string path, CancellationToken cancellationToken) =>
        service.UploadAsync(UploadSource.FromFile(path, _openFile), Path.GetFileNameWithoutExtension(path), cancellationToken);
}
