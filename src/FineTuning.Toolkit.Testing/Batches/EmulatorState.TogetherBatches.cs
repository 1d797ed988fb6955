using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// Together AI's Batch API (<c>/v1/batches</c> in its OpenAPI spec) on the same simulated timeline, partial failures and
/// expiry as the OpenAI dialect's: the input file has purpose <c>batch-api</c>, a create answers 201 <c>{job, warning}</c>,
/// the list is a bare array, errors are <c>{"error": "..."}</c> (<c>BatchErrorResponse</c>), and batches carry no metadata.
/// </summary>
internal sealed partial class EmulatorState
{
    /// <summary>Together's documented input file limit, 100 MB (https://docs.together.ai/docs/inference/batch/overview).</summary>
    private const long TogetherMaxBatchInputBytes = 100L * 1024 * 1024;

    private void MapTogetherBatches(WebApplication app)
    {
        app.MapPost("/v1/batches", TogetherCreateBatchAsync);
        app.MapGet("/v1/batches", TogetherListBatches);
        app.MapGet("/v1/batches/{id}", context => TogetherBatch(context, cancel: false));
        app.MapPost("/v1/batches/{id}/cancel", context => TogetherBatch(context, cancel: true));
    }

    private static Task TogetherBatchError(HttpContext context, int status, string message) =>
        HttpResults.Json(context, new JsonObject { ["error"] = message }, status);

    private async Task TogetherCreateBatchAsync(HttpContext context)
    {
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        var inputFileId = StringOf(request?["input_file_id"]);
        var endpoint = StringOf(request?["endpoint"]);
        if (request is null || inputFileId is null || endpoint is null)
        {
            await TogetherBatchError(context, StatusCodes.Status400BadRequest, "'input_file_id' and 'endpoint' are required.").ConfigureAwait(false);
            return;
        }

        if (!BatchEndpoints.Contains(endpoint, StringComparer.Ordinal))
        {
            await TogetherBatchError(context, StatusCodes.Status400BadRequest, $"Unsupported endpoint '{endpoint}'.").ConfigureAwait(false);
            return;
        }

        // Together documents the 24-hour window as fixed: another value is accepted with a warning, not refused.
        var window = StringOf(request["completion_window"]);
        var warning = window is null or "24h" ? null : $"The completion window is fixed at 24h; '{window}' was ignored.";
        JsonObject? job = null;
        string? problem;
        lock (_gate)
        {
            AdvanceAll(Now);
            var file = FindFile(inputFileId);
            problem = file is null ? $"File {inputFileId} not found."
                : file.Purpose != "batch-api" ? $"File {inputFileId} has purpose '{file.Purpose}'; a batch input file must have purpose 'batch-api'."
                : null;
            if (file is not null && problem is null)
            {
                var batch = NewBatch(file, endpoint, "24h", null, NewUuid());
                _batches.Add(batch);
                job = TogetherJson.Batch(batch, file.Content.LongLength, Now);
            }
        }

        if (job is null)
        {
            await TogetherBatchError(context, StatusCodes.Status400BadRequest, problem!).ConfigureAwait(false);
            return;
        }

        var body = new JsonObject { ["job"] = job };
        if (warning is not null)
        {
            body["warning"] = warning;
        }

        await HttpResults.Json(context, body, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    private Task TogetherListBatches(HttpContext context)
    {
        JsonArray body;
        lock (_gate)
        {
            AdvanceAll(Now);
            body = new JsonArray(Enumerable.Reverse(_batches).Select(b => (JsonNode)TogetherBatchJson(b)).ToArray());
        }

        return HttpResults.Json(context, body);
    }

    /// <summary><c>GET /v1/batches/{id}</c>, or <c>POST /v1/batches/{id}/cancel</c> (refused once the batch has ended).</summary>
    private Task TogetherBatch(HttpContext context, bool cancel)
    {
        var id = HttpResults.Route(context, "id");
        JsonObject? body = null;
        string? refused = null;
        lock (_gate)
        {
            AdvanceAll(Now);
            if (_batches.Find(b => b.Id == id) is { } batch)
            {
                refused = cancel && !batch.Cancel(Now) ? $"Batch job {id} has already ended ({TogetherJson.Batch(batch, 0, Now)["status"]})." : null;
                body = TogetherBatchJson(batch);
            }
        }

        return body is null ? TogetherBatchError(context, StatusCodes.Status404NotFound, $"Batch job {id} not found.")
            : refused is not null ? TogetherBatchError(context, StatusCodes.Status400BadRequest, refused)
            : HttpResults.Json(context, body);
    }

    /// <summary>The batch as Together's <c>BatchJob</c>; the caller holds the lock.</summary>
    private JsonObject TogetherBatchJson(EmulatedBatch batch) => TogetherJson.Batch(batch, FindFile(batch.InputFileId)?.Content.LongLength ?? 0, Now);
}
