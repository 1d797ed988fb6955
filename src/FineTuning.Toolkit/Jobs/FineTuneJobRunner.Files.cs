using System.ClientModel;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Jobs;

/// <content>Uploads: content-hash deduplication, the Uploads API in parallel parts, waiting until files are processed.</content>
public sealed partial class FineTuneJobRunner
{
    private const string HashMarker = ".sha256-";
    private static readonly TimeSpan MaxFileProcessingInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Uploads a JSONL file for fine-tuning, or returns the id of an identical file uploaded earlier (same SHA-256,
    /// recorded in the uploaded file's name). Files above <see cref="FineTuneJobRunnerOptions.MultipartUploadThreshold"/>
    /// go through the Uploads API in parallel parts.
    /// </summary>
    /// <param name="path">The local file.</param>
    /// <param name="cancellationToken">A token to cancel the upload.</param>
    /// <returns>The file id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public async Task<string> UploadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var uploaded = await UploadPathAsync(path, Path.GetFileNameWithoutExtension(path), cancellationToken).ConfigureAwait(false);
        return uploaded.Id;
    }

    internal static string UploadName(string stem, string hash)
    {
        var clean = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        clean = clean.Length == 0 ? "data" : clean.Length > 80 ? clean[..80] : clean;
        return $"{clean}{HashMarker}{hash}.jsonl";
    }

    private static string HashSuffix(string uploadName) => uploadName[uploadName.LastIndexOf(HashMarker, StringComparison.Ordinal)..];

    private async Task<UploadedFile> ResolveFileAsync(Dataset? dataset, string? path, string? fileId, string role, CancellationToken cancellationToken)
    {
        if (fileId is not null)
        {
            return new UploadedFile(fileId, Reused: true);
        }

        if (path is not null)
        {
            return await UploadPathAsync(path, Path.GetFileNameWithoutExtension(path), cancellationToken).ConfigureAwait(false);
        }

        var temp = Path.Combine(Path.GetTempPath(), $"ftt-{role}-{Guid.NewGuid():N}.jsonl");
        try
        {
            await dataset!.WriteJsonlAsync(temp, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await UploadPathAsync(temp, role, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<UploadedFile> UploadPathAsync(string path, string stem, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The training data file '{path}' does not exist.", path);
        }

        string hash;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            hash = Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false))[..32].ToLowerInvariant();
        }

        var name = UploadName(stem, hash);
        var existing = await FindUploadedFileWithStatusAsync(name, info.Length, useResilience: true, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            Log.FileReused(_logger, existing.Id, name);
            return existing;
        }

        var uploaded = info.Length > _options.MultipartUploadThreshold
            ? await UploadInPartsAsync(path, name, info.Length, cancellationToken).ConfigureAwait(false)
            : await UploadWholeAsync(path, name, info.Length, cancellationToken).ConfigureAwait(false);
        Telemetry.UploadedBytes.Add(info.Length);
        Log.FileUploaded(_logger, name, info.Length, uploaded.Id);
        return uploaded;
    }

    private async Task<UploadedFile> UploadWholeAsync(string path, string name, long length, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var (body, contentType) = await MultipartAsync(bytes, "file", name, ("purpose", "fine-tune"), cancellationToken).ConfigureAwait(false);
        var call = new ApiCall("upload file", "POST", "files")
        {
            Content = () => BinaryContent.Create(body),
            ContentType = contentType,
            FindExisting = async token => await FindUploadedFileAsync(name, length, useResilience: false, token).ConfigureAwait(false) is { } id
                ? BinaryData.FromObjectAsJson(new { id })
                : null,
        };
        using var document = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        var id = JsonReading.String(document.RootElement, "id") ?? throw new FineTuneApiException("upload file: the response has no file id.") { Operation = call.Operation };
        return new UploadedFile(id, Reused: false, JsonReading.String(document.RootElement, "status"));
    }

    private async Task<UploadedFile> UploadInPartsAsync(string path, string name, long length, CancellationToken cancellationToken)
    {
        var partSize = _options.UploadPartSize;
        var partCount = (int)((length + partSize - 1) / partSize);
        Log.MultipartUploadStarted(_logger, name, length, partCount);
        var create = BinaryData.FromObjectAsJson(new Dictionary<string, object> { ["purpose"] = "fine-tune", ["filename"] = name, ["bytes"] = length, ["mime_type"] = "text/jsonl" });
        string uploadId;
        using (var created = await _api.SendJsonAsync(new ApiCall("create upload", "POST", "uploads") { Content = () => BinaryContent.Create(create), ContentType = "application/json" }, cancellationToken).ConfigureAwait(false))
        {
            uploadId = JsonReading.String(created.RootElement, "id") ?? throw new FineTuneApiException("create upload: the response has no upload id.") { Operation = "create upload" };
        }

        var partIds = new string[partCount];
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous))
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, partCount),
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelUploadParts, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var offset = (long)index * partSize;
                    var buffer = new byte[(int)Math.Min(partSize, length - offset)];
                    var read = 0;
                    while (read < buffer.Length)
                    {
                        var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), offset + read, token).ConfigureAwait(false);
                        if (n == 0)
                        {
                            throw new IOException($"The file '{path}' changed while it was being uploaded.");
                        }

                        read += n;
                    }

                    var (body, contentType) = await MultipartAsync(buffer, "data", $"part-{index}", null, token).ConfigureAwait(false);
                    using var part = await _api.SendJsonAsync(
                        new ApiCall("add upload part", "POST", $"uploads/{Uri.EscapeDataString(uploadId)}/parts") { Content = () => BinaryContent.Create(body), ContentType = contentType },
                        token).ConfigureAwait(false);
                    partIds[index] = JsonReading.String(part.RootElement, "id") ?? throw new FineTuneApiException("add upload part: the response has no part id.") { Operation = "add upload part" };
                }).ConfigureAwait(false);
        }

        var complete = BinaryData.FromObjectAsJson(new { part_ids = partIds });
        var call = new ApiCall("complete upload", "POST", $"uploads/{Uri.EscapeDataString(uploadId)}/complete")
        {
            Content = () => BinaryContent.Create(complete),
            ContentType = "application/json",
            FindExisting = async token => await FindUploadedFileAsync(name, length, useResilience: false, token).ConfigureAwait(false) is { } id
                ? BinaryData.FromObjectAsJson(new { file = new { id } })
                : null,
        };
        using var completed = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return JsonReading.Object(completed.RootElement, "file") is { } file && JsonReading.String(file, "id") is { } fileId
            ? new UploadedFile(fileId, Reused: false, JsonReading.String(file, "status"))
            : throw new FineTuneApiException("complete upload: the response has no file.") { Operation = call.Operation };
    }

    private static async Task<(BinaryData Body, string ContentType)> MultipartAsync(byte[] bytes, string field, string fileName, (string Name, string Value)? extra, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        if (extra is { } pair)
        {
            form.Add(new StringContent(pair.Value), pair.Name);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        var body = await form.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return (BinaryData.FromBytes(body), form.Headers.ContentType!.ToString());
    }

    private async Task<string?> FindUploadedFileAsync(string name, long length, bool useResilience, CancellationToken cancellationToken) =>
        (await FindUploadedFileWithStatusAsync(name, length, useResilience, cancellationToken).ConfigureAwait(false))?.Id;

    private async Task<UploadedFile?> FindUploadedFileWithStatusAsync(string name, long length, bool useResilience, CancellationToken cancellationToken)
    {
        string? after = null;
        for (var page = 0; page < 20; page++)
        {
            var path = "files?purpose=fine-tune&order=desc&limit=10000" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
            var call = new ApiCall("list files", "GET", path);
            var body = useResilience
                ? await _api.SendAsync(call, cancellationToken).ConfigureAwait(false)
                : await _api.SendOnceAsync(call, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            string? last = null;
            foreach (var file in JsonReading.Array(document.RootElement, "data"))
            {
                last = JsonReading.String(file, "id");
                var status = JsonReading.String(file, "status");
                if ((JsonReading.String(file, "filename") ?? string.Empty).EndsWith(HashSuffix(name), StringComparison.Ordinal)
                    && status is not ("error" or "deleted")
                    && (JsonReading.Int64(file, "bytes") is not { } bytes || bytes == length)
                    && last is not null)
                {
                    return new UploadedFile(last, Reused: true, status);
                }
            }

            if (!JsonReading.Bool(document.RootElement, "has_more") || last is null)
            {
                return null;
            }

            after = last;
        }

        return null;
    }

    private async Task<FineTuneError?> WaitForFileProcessedAsync(UploadedFile file, string param, CancellationToken cancellationToken)
    {
        if (file.Status == "processed")
        {
            return null;
        }

        var fileId = file.Id;
        var deadline = _timeProvider.GetUtcNow() + _options.Polling.FileProcessingTimeout;
        var delay = _options.Polling.FileProcessingInterval;
        if (file.Status is "uploaded" or "pending")
        {
            // Just uploaded: processing takes a moment, so wait before the first check.
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            using var document = await _api.SendJsonAsync(new ApiCall("retrieve file", "GET", $"files/{Uri.EscapeDataString(fileId)}"), cancellationToken).ConfigureAwait(false);
            var status = JsonReading.String(document.RootElement, "status") ?? "processed";
            switch (status)
            {
                case "processed":
                    return null;
                case "error":
                    return new FineTuneError("file_processing_failed", $"The service could not process file {fileId}: {JsonReading.String(document.RootElement, "status_details") ?? "no details"}.", param);
                case "deleted":
                    return new FineTuneError("file_deleted", $"File {fileId} was deleted.", param);
            }

            if (_timeProvider.GetUtcNow() >= deadline)
            {
                return new FineTuneError("file_processing_timeout", $"File {fileId} was still '{status}' after {_options.Polling.FileProcessingTimeout}.", param);
            }

            Log.WaitingForFile(_logger, fileId, status);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < MaxFileProcessingInterval ? delay * 2 : (delay > MaxFileProcessingInterval ? delay : MaxFileProcessingInterval);
        }
    }
}
