using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The Batch API of OpenAI and Azure OpenAI: a request file uploaded to <c>files</c> with purpose <c>batch</c> (streamed,
/// found again by name after a lost response), a batch created with the file's hash in its metadata (found again by that
/// tag after a lost response or a restart), and batch objects with lowercase statuses and <c>request_counts</c>.
/// </summary>
internal sealed class OpenAIBatchService : BatchServiceClient
{
    /// <summary>The metadata key that carries the request file's hash.</summary>
    public const string ChunkMetadataKey = "ftk_chunk";

    private const int MaxListPages = 50;

    public OpenAIBatchService(OpenAIApiClient api)
        : base(api)
    {
    }

    public static string UploadName(BatchChunk chunk) => $"ftk-batch-{chunk.Hash}.jsonl";

    public override async Task<string> UploadAsync(BatchChunk chunk, CancellationToken cancellationToken)
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
        using var document = await Api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return JsonReading.String(document.RootElement, "id") ?? throw new FineTuneApiException("upload batch file: the response has no file id.") { Operation = call.Operation };
    }

    public override async Task<BatchSnapshot> CreateAsync(BatchChunk chunk, string fileId, CancellationToken cancellationToken)
    {
        var body = new BatchCreateBody(fileId, BatchRequestBody.Endpoint, "24h", new Dictionary<string, string> { [ChunkMetadataKey] = chunk.Hash });
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, BatchWireContext.Default.BatchCreateBody);
        using var document = await SendCreateAsync(chunk, fileId, bytes, cancellationToken).ConfigureAwait(false);
        return BatchSnapshot.Parse(document.RootElement);
    }

    protected override BatchSnapshot ReadBatch(JsonElement batch, int requests) => BatchSnapshot.Parse(batch);

    /// <summary>Finds the batch by the request file's hash in its metadata, paging through the list.</summary>
    public override async Task<BatchSnapshot?> FindBatchAsync(BatchChunk chunk, string? fileId, bool resilient, CancellationToken cancellationToken)
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
                if (batch.Chunk == chunk.Hash && (fileId is null || batch.InputFileId == fileId))
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
