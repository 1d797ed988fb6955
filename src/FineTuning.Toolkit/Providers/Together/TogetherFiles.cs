using System.Text.Json;
using FineTuning.Toolkit.Internal;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Providers.Together;

/// <summary>
/// Together AI's files: <c>POST /files/upload</c> (multipart <c>file</c>, <c>file_name</c>, <c>purpose</c> —
/// <c>fine-tune</c> for training data, <c>batch-api</c> for batch request files — and <c>file_type=jsonl</c>), <c>GET /files[/{id}]</c> (<c>Processed</c>), <c>DELETE /files/{id}</c>. Together jobs carry no
/// metadata, so the content's SHA-256 goes into the file name: the same data uploaded again (or an upload whose response
/// was lost) is found and reused, and the job lookup can then match on the file id. The data is read twice (hash, then send).
/// </summary>
internal sealed class TogetherFiles(OpenAIApiClient api, FineTuneJobRunnerOptions options, TimeProvider timeProvider, ILogger logger)
{
    private const string HashMarker = ".sha256-";

    private readonly OpenAIApiClient _api = api;
    private readonly FineTuneJobRunnerOptions _options = options;
    private readonly TimeProvider _timeProvider = timeProvider;
    private readonly ILogger _logger = logger;

    /// <summary>Uploads one source (a file or a dataset), named after <paramref name="stem"/>, with a purpose from
    /// Together's <c>FilePurpose</c>; a file of the same content and purpose uploaded before is reused.</summary>
    public async Task<UploadedFile> UploadAsync(UploadSource source, string stem, string purpose, CancellationToken cancellationToken)
    {
        using (var hashing = new HashingStream(Stream.Null))
        {
            await source.WriteToAsync(hashing, cancellationToken).ConfigureAwait(false);
            var hash = hashing.HashHex();
            if (await FindByHashAsync(hash, purpose, useResilience: true, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                Log.FileReused(_logger, existing.Id, JsonReading.String(existing.Json, "filename") ?? string.Empty);
                return new UploadedFile(existing.Id, Reused: true, StatusOf(existing.Json), hash);
            }

            var clean = new string(stem.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(60).ToArray());
            var name = (clean.Length == 0 ? "data" : clean) + HashMarker + hash + ".jsonl";
            var boundary = StreamingMultipartContent.NewBoundary();
            var call = new ApiCall("upload file", "POST", "files/upload")
            {
                Content = () => new StreamingMultipartContent(source, boundary, "file", name, [("purpose", purpose), ("file_name", name), ("file_type", "jsonl")]),
                ContentType = StreamingMultipartContent.ContentTypeFor(boundary),
                FindExisting = async token => await FindByHashAsync(hash, purpose, useResilience: false, token).ConfigureAwait(false) is { } found ? BinaryData.FromString(found.Json.GetRawText()) : null,
            };
            using var document = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
            var id = JsonReading.String(document.RootElement, "id") ?? throw new FineTuneApiException("upload file: the response has no file id.") { Operation = call.Operation };
            Log.FileUploaded(_logger, name, hashing.BytesWritten, id);
            Telemetry.UploadedBytes.Add(hashing.BytesWritten);
            return new UploadedFile(id, Reused: false, StatusOf(document.RootElement), hash);
        }
    }

    private static string StatusOf(JsonElement file) => JsonReading.Bool(file, "Processed") ? "processed" : "uploaded";

    /// <summary>Finds a file of this content and purpose uploaded before (its name carries the hash).</summary>
    private async Task<(string Id, JsonElement Json)?> FindByHashAsync(string hash, string purpose, bool useResilience, CancellationToken cancellationToken)
    {
        var call = new ApiCall("list files", "GET", "files");
        var body = useResilience ? await _api.SendAsync(call, cancellationToken).ConfigureAwait(false) : await _api.SendOnceAsync(call, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        foreach (var file in JsonReading.Array(document.RootElement, "data"))
        {
            if (JsonReading.String(file, "id") is { } id && (JsonReading.String(file, "purpose") ?? "fine-tune") == purpose
                && JsonReading.String(file, "filename") is { } name && name.Contains(HashMarker + hash + ".", StringComparison.Ordinal))
            {
                return (id, file.Clone());
            }
        }

        return null;
    }

    /// <summary>Waits until Together has processed a file (<c>Processed: true</c>); a job created before that fails.</summary>
    public async Task<FineTuneError?> WaitForProcessedAsync(UploadedFile file, string param, CancellationToken cancellationToken)
    {
        if (file.Status == "processed")
        {
            return null;
        }

        var deadline = _timeProvider.GetUtcNow() + _options.Polling.FileProcessingTimeout;
        var delay = _options.Polling.FileProcessingInterval;
        while (true)
        {
            try
            {
                using var document = await _api.SendJsonAsync(new ApiCall("retrieve file", "GET", $"files/{Uri.EscapeDataString(file.Id)}"), cancellationToken).ConfigureAwait(false);
                if (JsonReading.Bool(document.RootElement, "Processed"))
                {
                    return null;
                }
            }
            catch (FineTuneApiException ex) when (ex.StatusCode == 404)
            {
                return new FineTuneError("file_deleted", $"File {file.Id} does not exist (any more).", param);
            }

            if (_timeProvider.GetUtcNow() >= deadline)
            {
                return new FineTuneError("file_processing_timeout", $"File {file.Id} was still not processed after {_options.Polling.FileProcessingTimeout}.", param);
            }

            Log.WaitingForFile(_logger, file.Id, "not processed");
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = PollingCadence.NextFileDelay(delay);
        }
    }

    /// <summary>Deletes a file; <see langword="false"/> when it was not there.</summary>
    public Task<bool> DeleteAsync(string fileId, CancellationToken cancellationToken) =>
        TogetherFineTuneService.DeleteAsync(_api, _logger, "file", $"files/{Uri.EscapeDataString(fileId)}", fileId, cancellationToken);
}
