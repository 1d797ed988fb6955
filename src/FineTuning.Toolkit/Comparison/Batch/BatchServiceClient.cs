using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The Batch API calls of a comparison over the runner's transport and Polly pipeline: upload a request file
/// (streamed, found again by name after a lost response), create a batch tagged with the file's hash (found again by
/// that tag after a lost response or a restart), retrieve, cancel, and stream result files.
/// </summary>
internal sealed class BatchServiceClient
{
    /// <summary>The metadata key that carries the request file's hash.</summary>
    public const string ChunkMetadataKey = "ftk_chunk";

    private const int MaxListPages = 50;

    private readonly OpenAIApiClient _api;

    public BatchServiceClient(OpenAIApiClient api) => _api = api;

    public static string UploadName(BatchChunk chunk) => $"ftk-batch-{chunk.Hash}.jsonl";

    /// <summary>Uploads a request file with purpose <c>batch</c>, or returns the id of the same file uploaded before.</summary>
    public async Task<string> UploadAsync(BatchChunk chunk, CancellationToken cancellationToken)
    {
        var name = UploadName(chunk);
        if (await FindFileAsync(name, chunk.Bytes, resilient: true, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var contentType = new MultipartFileContent(chunk.Path, name, "batch", chunk.Hash).ContentType;
        var call = new ApiCall("upload batch file", "POST", "files")
        {
            Content = () => new MultipartFileContent(chunk.Path, name, "batch", chunk.Hash),
            ContentType = contentType,
            FindExisting = async token => await FindFileAsync(name, chunk.Bytes, resilient: false, token).ConfigureAwait(false) is { } id
                ? BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(new BatchFileReference(id), BatchWireContext.Default.BatchFileReference))
                : null,
        };
        using var document = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return JsonReading.String(document.RootElement, "id") ?? throw new FineTuneApiException("upload batch file: the response has no file id.") { Operation = call.Operation };
    }

    /// <summary>Creates the batch of an uploaded request file, tagged with the file's hash; a retry after a lost response finds the batch instead of creating a second one.</summary>
    public async Task<BatchSnapshot> CreateAsync(BatchChunk chunk, string fileId, CancellationToken cancellationToken)
    {
        var body = new BatchCreateBody(fileId, BatchRequestBody.Endpoint, "24h", new Dictionary<string, string> { [ChunkMetadataKey] = chunk.Hash });
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, BatchWireContext.Default.BatchCreateBody);
        var call = new ApiCall("create batch", "POST", "batches")
        {
            Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)),
            ContentType = "application/json",
            FindExisting = async token => await FindBatchAsync(chunk.Hash, fileId, resilient: false, token).ConfigureAwait(false) is { } found
                ? await _api.SendOnceAsync(new ApiCall("retrieve batch", "GET", "batches/" + Uri.EscapeDataString(found.Id)), token).ConfigureAwait(false)
                : null,
        };
        using var document = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return BatchSnapshot.Parse(document.RootElement);
    }

    public async Task<BatchSnapshot> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(new ApiCall("retrieve batch", "GET", "batches/" + Uri.EscapeDataString(batchId)), cancellationToken).ConfigureAwait(false);
        return BatchSnapshot.Parse(document.RootElement);
    }

    public async Task CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(new ApiCall("cancel batch", "POST", "batches/" + Uri.EscapeDataString(batchId) + "/cancel"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the batch of a request file by the hash in its metadata (newest first); <paramref name="resilient"/> is
    /// <see langword="false"/> inside a retry, which already runs in the pipeline.</summary>
    public async Task<BatchSnapshot?> FindBatchAsync(string chunkHash, string? fileId, bool resilient, CancellationToken cancellationToken)
    {
        string? after = null;
        for (var page = 0; page < MaxListPages; page++)
        {
            var path = "batches?limit=100" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
            var body = await SendAsync(new ApiCall("list batches", "GET", path), resilient, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            foreach (var element in JsonReading.Array(document.RootElement, "data"))
            {
                var batch = BatchSnapshot.Parse(element);
                after = batch.Id;
                if (batch.Chunk == chunkHash && (fileId is null || batch.InputFileId == fileId))
                {
                    return batch;
                }
            }

            if (!JsonReading.Bool(document.RootElement, "has_more") || after is null)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Opens a file's content as a stream (not buffered), through the retry pipeline.</summary>
    public async Task<Stream> OpenContentAsync(string fileId, CancellationToken cancellationToken)
    {
        return await _api.Resilience.ExecuteAsync(
            async token =>
            {
                var message = _api.Pipeline.CreateMessage();
                message.Apply(new RequestOptions { CancellationToken = token });
                message.BufferResponse = false;
                message.Request.Method = "GET";
                message.Request.Uri = new Uri(_api.Endpoint, "files/" + Uri.EscapeDataString(fileId) + "/content");
                await _api.Pipeline.SendAsync(message).ConfigureAwait(false);
                var response = message.Response!;
                if (response.IsError)
                {
                    var status = response.Status;
                    message.Dispose();
                    throw new FineTuneApiException($"download batch results: HTTP {status}.")
                    {
                        Operation = "download batch results",
                        StatusCode = status,
                        IsTransient = status is 408 or 409 or 429 || status >= 500,
                    };
                }

                return (Stream)new OwnedStream(response.ContentStream!, message);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<BinaryData> SendAsync(ApiCall call, bool resilient, CancellationToken cancellationToken) => resilient
        ? await _api.SendAsync(call, cancellationToken).ConfigureAwait(false)
        : await _api.SendOnceAsync(call, cancellationToken).ConfigureAwait(false);

    private async Task<string?> FindFileAsync(string name, long length, bool resilient, CancellationToken cancellationToken)
    {
        var body = await SendAsync(new ApiCall("list files", "GET", "files?purpose=batch&order=desc&limit=10000"), resilient, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        foreach (var file in JsonReading.Array(document.RootElement, "data"))
        {
            if (JsonReading.String(file, "filename") == name
                && JsonReading.String(file, "status") is not ("error" or "deleted")
                && (JsonReading.Int64(file, "bytes") is not { } bytes || bytes == length))
            {
                return JsonReading.String(file, "id");
            }
        }

        return null;
    }
}
