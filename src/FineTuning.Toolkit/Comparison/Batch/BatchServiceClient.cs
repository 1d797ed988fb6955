using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Providers.Together;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The seam between a comparison's batch execution (request files, journal, watcher, result mapping — one of each) and a
/// provider's Batch API: upload a request file (found again after a lost response), create a batch (found again after a
/// lost response or a restart), retrieve it as a <see cref="BatchSnapshot"/> on the OpenAI status scale, cancel it, and
/// stream its result files. <see cref="OpenAIBatchService"/> speaks OpenAI's and Azure OpenAI's shape,
/// <see cref="TogetherBatchService"/> Together AI's.
/// </summary>
internal abstract class BatchServiceClient
{
    protected BatchServiceClient(OpenAIApiClient api) => Api = api;

    /// <summary>Gets the transport, key and Polly pipeline of the provider's endpoint.</summary>
    protected OpenAIApiClient Api { get; }

    /// <summary>Gets how the provider wants the lines of a request file written.</summary>
    public virtual BatchLineShape LineShape => BatchLineShape.OpenAI;

    /// <summary>Creates the service of the connection's provider.</summary>
    public static BatchServiceClient Create(FineTuneJobRunnerOptions connection, TimeProvider timeProvider, ILogger logger, out ProviderCapabilities capabilities)
    {
        var api = new OpenAIApiClient(connection, timeProvider, logger);
        capabilities = KnownCapabilities.For(api.Profile);
        if (!capabilities.SupportsBatch)
        {
            throw new InvalidOperationException($"{capabilities.DisplayName} has no Batch API; compare its models in live mode.");
        }

        return api.Profile == ProviderProfile.Together
            ? new TogetherBatchService(api, connection, timeProvider, logger)
            : new OpenAIBatchService(api);
    }

    /// <summary>Uploads a request file for batch use, or returns the id of the same file uploaded before.</summary>
    public abstract Task<string> UploadAsync(BatchChunk chunk, CancellationToken cancellationToken);

    /// <summary>Creates the batch of an uploaded request file; a retry after a lost response finds the batch instead of creating a second one.</summary>
    public abstract Task<BatchSnapshot> CreateAsync(BatchChunk chunk, string fileId, CancellationToken cancellationToken);

    /// <summary>Retrieves a batch of <paramref name="requests"/> requests (providers that report only a percentage need the count).</summary>
    public async Task<BatchSnapshot> GetAsync(string batchId, int requests, CancellationToken cancellationToken)
    {
        using var document = await Api.SendJsonAsync(new ApiCall("retrieve batch", "GET", "batches/" + Uri.EscapeDataString(batchId)), cancellationToken).ConfigureAwait(false);
        return ReadBatch(document.RootElement, requests);
    }

    /// <summary>Reads the provider's batch object as a <see cref="BatchSnapshot"/> of a file of <paramref name="requests"/> requests.</summary>
    protected abstract BatchSnapshot ReadBatch(JsonElement batch, int requests);

    /// <summary>Finds the batch of a request file created before (newest first); <paramref name="resilient"/> is
    /// <see langword="false"/> inside a retry, which already runs in the pipeline.</summary>
    public abstract Task<BatchSnapshot?> FindBatchAsync(BatchChunk chunk, string? fileId, bool resilient, CancellationToken cancellationToken);

    /// <summary>Asks the service to cancel a batch (<c>POST batches/{id}/cancel</c> on every provider).</summary>
    public async Task CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        using var document = await Api.SendJsonAsync(new ApiCall("cancel batch", "POST", "batches/" + Uri.EscapeDataString(batchId) + "/cancel"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a file's content (<c>GET files/{id}/content</c> on every provider) as a stream, not buffered, through the retry pipeline.</summary>
    public async Task<Stream> OpenContentAsync(string fileId, CancellationToken cancellationToken)
    {
        return await Api.Resilience.ExecuteAsync(
            async token =>
            {
                var message = Api.Pipeline.CreateMessage();
                message.Apply(new RequestOptions { CancellationToken = token });
                message.BufferResponse = false;
                message.Request.Method = "GET";
                message.Request.Uri = new Uri(Api.Endpoint, "files/" + Uri.EscapeDataString(fileId) + "/content");
                await Api.Pipeline.SendAsync(message).ConfigureAwait(false);
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

    /// <summary>
    /// Sends <c>POST batches</c> with <paramref name="body"/>; before a retry (a lost response), the batch of the file is
    /// looked for with <see cref="FindBatchAsync"/> and, when found, retrieved instead of creating a second one.
    /// </summary>
    protected async Task<JsonDocument> SendCreateAsync(BatchChunk chunk, string fileId, byte[] body, CancellationToken cancellationToken)
    {
        var call = new ApiCall("create batch", "POST", "batches")
        {
            Content = () => BinaryContent.Create(BinaryData.FromBytes(body)),
            ContentType = "application/json",
            FindExisting = async token => await FindBatchAsync(chunk, fileId, resilient: false, token).ConfigureAwait(false) is { } found
                ? await Api.SendOnceAsync(new ApiCall("retrieve batch", "GET", "batches/" + Uri.EscapeDataString(found.Id)), token).ConfigureAwait(false)
                : null,
        };
        return await Api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a call through the pipeline, or once when already inside a retry.</summary>
    protected async Task<BinaryData> SendAsync(ApiCall call, bool resilient, CancellationToken cancellationToken) => resilient
        ? await Api.SendAsync(call, cancellationToken).ConfigureAwait(false)
        : await Api.SendOnceAsync(call, cancellationToken).ConfigureAwait(false);
}
