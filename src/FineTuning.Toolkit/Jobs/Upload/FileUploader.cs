using System.ClientModel;
using System.Text.Json;
using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Sends training data to the service in one streaming pass: a dataset is serialized, or a file read, straight into the
/// request body while its SHA-256 is computed; files above <see cref="FineTuneJobRunnerOptions.MultipartUploadThreshold"/>
/// go through the Uploads API, part after part read once and sent in parallel. Every upload is named with a fresh token,
/// so a retry after a lost response finds what the first attempt created instead of uploading twice.
/// </summary>
internal sealed class FileUploader(OpenAIApiClient api, FineTuneJobRunnerOptions options, TimeProvider timeProvider, ILogger logger)
{
    private const string NameMarker = ".upload-";

    private readonly OpenAIApiClient _api = api;
    private readonly FineTuneJobRunnerOptions _options = options;
    private readonly TimeProvider _timeProvider = timeProvider;
    private readonly ILogger _logger = logger;

    internal static string UploadName(string stem, string token)
    {
        var clean = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        clean = clean.Length == 0 ? "data" : clean.Length > 80 ? clean[..80] : clean;
        return $"{clean}{NameMarker}{token}.jsonl";
    }

    /// <summary>Uploads one source (a file or a dataset), named after <paramref name="stem"/>.</summary>
    public async Task<UploadedFile> UploadAsync(UploadSource source, string stem, CancellationToken cancellationToken)
    {
        var name = UploadName(stem, Guid.NewGuid().ToString("N")[..16]);
        var uploaded = source.Length is { } length && length > _options.MultipartUploadThreshold
            ? await UploadInPartsAsync(source, name, length, cancellationToken).ConfigureAwait(false)
            : await UploadWholeAsync(source, name, cancellationToken).ConfigureAwait(false);
        Log.FileUploaded(_logger, name, uploaded.Bytes, uploaded.File.Id);
        Telemetry.UploadedBytes.Add(uploaded.Bytes);
        return uploaded.File;
    }

    private async Task<(UploadedFile File, long Bytes)> UploadWholeAsync(UploadSource source, string name, CancellationToken cancellationToken)
    {
        StreamingMultipartContent? last = null;
        var boundary = StreamingMultipartContent.NewBoundary();
        var call = new ApiCall("upload file", "POST", "files")
        {
            Content = () => last = new StreamingMultipartContent(source, boundary, "file", name, [("purpose", "fine-tune")]),
            ContentType = StreamingMultipartContent.ContentTypeFor(boundary),
            FindExisting = token => FindByNameAsync(name, token),
        };
        using var document = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        var id = JsonReading.String(document.RootElement, "id") ?? throw new FineTuneApiException("upload file: the response has no file id.") { Operation = call.Operation };
        return (new UploadedFile(id, Reused: false, JsonReading.String(document.RootElement, "status"), last?.ContentHash), last?.FileBytes ?? 0);
    }

    private async Task<(UploadedFile File, long Bytes)> UploadInPartsAsync(UploadSource source, string name, long length, CancellationToken cancellationToken)
    {
        var partSize = _options.UploadPartSize;
        var partCount = (int)((length + partSize - 1) / partSize);
        Log.MultipartUploadStarted(_logger, name, length, partCount);
        var create = BinaryData.FromObjectAsJson(new CreateUploadPayload("fine-tune", name, length, "text/jsonl"), JobsJsonContext.Default.CreateUploadPayload);
        string uploadId;
        using (var created = await _api.SendJsonAsync(new ApiCall("create upload", "POST", "uploads") { Content = () => BinaryContent.Create(create), ContentType = Json }, cancellationToken).ConfigureAwait(false))
        {
            uploadId = JsonReading.String(created.RootElement, "id") ?? throw new FineTuneApiException("create upload: the response has no upload id.") { Operation = "create upload" };
        }

        var partIds = new string[partCount];
        var hash = await SendPartsAsync(source, uploadId, partIds, cancellationToken).ConfigureAwait(false);
        var complete = BinaryData.FromObjectAsJson(new CompleteUploadPayload(partIds), JobsJsonContext.Default.CompleteUploadPayload);
        var call = new ApiCall("complete upload", "POST", $"uploads/{Uri.EscapeDataString(uploadId)}/complete")
        {
            Content = () => BinaryContent.Create(complete),
            ContentType = Json,
            FindExisting = async token => await FindByNameAsync(name, token).ConfigureAwait(false) is { } file
                ? BinaryData.FromObjectAsJson(new CompletedUploadPayload(file.ToObjectFromJson(JobsJsonContext.Default.FileIdPayload)!), JobsJsonContext.Default.CompletedUploadPayload)
                : null,
        };
        using var completed = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return JsonReading.Object(completed.RootElement, "file") is { } result && JsonReading.String(result, "id") is { } fileId
            ? (new UploadedFile(fileId, Reused: false, JsonReading.String(result, "status"), hash), length)
            : throw new FineTuneApiException("complete upload: the response has no file.") { Operation = call.Operation };
    }

    private const string Json = "application/json";

    /// <summary>
    /// Reads the file once, part after part, hashing as it goes, and sends each part as soon as it is read, with at most
    /// <see cref="FineTuneJobRunnerOptions.MaxParallelUploadParts"/> parts in flight (so memory stays bounded).
    /// </summary>
    private async Task<string> SendPartsAsync(UploadSource source, string uploadId, string[] partIds, CancellationToken cancellationToken)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var slots = new SemaphoreSlim(_options.MaxParallelUploadParts);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sends = new List<Task>();
        var file = source.OpenRead();
        await using (file.ConfigureAwait(false))
        {
            try
            {
                for (var index = 0; index < partIds.Length; index++)
                {
                    await slots.WaitAsync(failed.Token).ConfigureAwait(false);
                    var buffer = new byte[(int)Math.Min(_options.UploadPartSize, source.Length!.Value - ((long)index * _options.UploadPartSize))];
                    await file.ReadExactlyAsync(buffer, failed.Token).ConfigureAwait(false);
                    hash.AppendData(buffer);
                    sends.Add(SendPartAsync(uploadId, index, buffer, partIds, slots, failed));
                }
            }
            catch (EndOfStreamException ex)
            {
                throw new IOException("The file changed while it was being uploaded.", ex);
            }
            finally
            {
                await Task.WhenAll(sends).ConfigureAwait(false);
            }
        }

        return Convert.ToHexString(hash.GetCurrentHash())[..32].ToLowerInvariant();
    }

    private async Task SendPartAsync(string uploadId, int index, byte[] buffer, string[] partIds, SemaphoreSlim slots, CancellationTokenSource failed)
    {
        try
        {
            var boundary = StreamingMultipartContent.NewBoundary();
            var source = UploadSource.FromBytes(buffer);
            using var part = await _api.SendJsonAsync(
                new ApiCall("add upload part", "POST", $"uploads/{Uri.EscapeDataString(uploadId)}/parts")
                {
                    Content = () => new StreamingMultipartContent(source, boundary, "data", $"part-{index}", []),
                    ContentType = StreamingMultipartContent.ContentTypeFor(boundary),
                },
                failed.Token).ConfigureAwait(false);
            partIds[index] = JsonReading.String(part.RootElement, "id") ?? throw new FineTuneApiException("add upload part: the response has no part id.") { Operation = "add upload part" };
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Finds the file an earlier attempt of this upload created (same unique name), without retries.</summary>
    private async ValueTask<BinaryData?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        string? after = null;
        for (var page = 0; page < 20; page++)
        {
            var path = "files?purpose=fine-tune&order=desc&limit=10000" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
            var body = await _api.SendOnceAsync(new ApiCall("list files", "GET", path), cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            string? last = null;
            foreach (var file in JsonReading.Array(document.RootElement, "data"))
            {
                last = JsonReading.String(file, "id");
                if (last is not null && JsonReading.String(file, "filename") == name && JsonReading.String(file, "status") is not ("error" or "deleted"))
                {
                    return BinaryData.FromObjectAsJson(new FileIdPayload(last, JsonReading.String(file, "status")), JobsJsonContext.Default.FileIdPayload);
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

    /// <summary>Waits until an uploaded file is <c>processed</c> (a job created before that fails); an error when it is not.</summary>
    public async Task<FineTuneError?> WaitForProcessedAsync(UploadedFile file, string param, CancellationToken cancellationToken)
    {
        if (file.Status == "processed")
        {
            return null;
        }

        var deadline = _timeProvider.GetUtcNow() + _options.Polling.FileProcessingTimeout;
        var delay = _options.Polling.FileProcessingInterval;
        if (file.Status is "uploaded" or "pending")
        {
            // Just uploaded: processing takes a moment, so wait before the first check.
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            using var document = await _api.SendJsonAsync(new ApiCall("retrieve file", "GET", $"files/{Uri.EscapeDataString(file.Id)}"), cancellationToken).ConfigureAwait(false);
            var status = JsonReading.String(document.RootElement, "status") ?? "processed";
            switch (status)
            {
                case "processed":
                    return null;
                case "error":
                    return new FineTuneError("file_processing_failed", $"The service could not process file {file.Id}: {JsonReading.String(document.RootElement, "status_details") ?? "no details"}.", param);
                case "deleted":
                    return new FineTuneError("file_deleted", $"File {file.Id} was deleted.", param);
            }

            if (_timeProvider.GetUtcNow() >= deadline)
            {
                return new FineTuneError("file_processing_timeout", $"File {file.Id} was still '{status}' after {_options.Polling.FileProcessingTimeout}.", param);
            }

            Log.WaitingForFile(_logger, file.Id, status);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = PollingCadence.NextFileDelay(delay);
        }
    }
}
