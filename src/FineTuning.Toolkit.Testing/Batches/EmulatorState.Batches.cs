using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The Batch API: <c>/v1/batches</c> create, retrieve, list and cancel, on the simulated clock.</summary>
internal sealed partial class EmulatorState
{
    private static readonly string[] BatchEndpoints = ["/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/completions"];

    private readonly List<EmulatedBatch> _batches = new();

    private void MapBatches(WebApplication app)
    {
        app.MapPost(Prefix + "/batches", CreateBatchAsync);
        app.MapGet(Prefix + "/batches", ListBatches);
        app.MapGet(Prefix + "/batches/{batch_id}", RetrieveBatch);
        app.MapPost(Prefix + "/batches/{batch_id}/cancel", CancelBatch);
    }

    private async Task CreateBatchAsync(HttpContext context)
    {
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        var inputFileId = StringOf(request?["input_file_id"]);
        var endpoint = StringOf(request?["endpoint"]);
        var window = StringOf(request?["completion_window"]);
        if (request is null || inputFileId is null || endpoint is null || window is null)
        {
            await HttpResults.BadRequest(context, "Missing required parameter: 'input_file_id', 'endpoint' and 'completion_window' are required.").ConfigureAwait(false);
            return;
        }

        if (!BatchEndpoints.Contains(endpoint, StringComparer.Ordinal))
        {
            await HttpResults.BadRequest(context, $"Invalid value for 'endpoint': '{endpoint}'.", "endpoint").ConfigureAwait(false);
            return;
        }

        if (window != "24h")
        {
            await HttpResults.BadRequest(context, $"Invalid value for 'completion_window': '{window}'. Supported values are: '24h'.", "completion_window").ConfigureAwait(false);
            return;
        }

        JsonObject body;
        lock (_gate)
        {
            AdvanceAll(Now);
            var file = FindFile(inputFileId);
            if (file is null || file.Purpose != "batch")
            {
                body = HttpResults.ErrorBody(file is null ? $"No such File object: {inputFileId}" : $"File {inputFileId} has purpose '{file.Purpose}'; a batch input file must have purpose 'batch'.", "invalid_request_error", "input_file_id", null);
            }
            else
            {
                var batch = NewBatch(file, endpoint, window, request["metadata"] as JsonObject);
                _batches.Add(batch);
                body = BatchJson(batch);
            }
        }

        if (body["error"] is not null)
        {
            await HttpResults.BadRequest(context, body["error"]!["message"]!.GetValue<string>(), "input_file_id").ConfigureAwait(false);
            return;
        }

        await Reply(context, body).ConfigureAwait(false);
    }

    private Task RetrieveBatch(HttpContext context)
    {
        var id = HttpResults.Route(context, "batch_id");
        JsonObject? body;
        lock (_gate)
        {
            AdvanceAll(Now);
            var batch = _batches.Find(b => b.Id == id);
            body = batch is null ? null : BatchJson(batch);
        }

        return body is null ? HttpResults.NotFound(context, $"No batch found with id '{id}'.", "batch_id") : Reply(context, body);
    }

    private Task ListBatches(HttpContext context)
    {
        var limit = Math.Clamp(HttpResults.QueryInt(context, "limit") ?? 20, 1, 100);
        var after = HttpResults.QueryString(context, "after");
        JsonObject body;
        lock (_gate)
        {
            AdvanceAll(Now);
            var ordered = Enumerable.Reverse(_batches).ToList();
            if (after is not null)
            {
                var index = ordered.FindIndex(b => b.Id == after);
                ordered = index < 0 ? ordered : ordered.Skip(index + 1).ToList();
            }

            var data = new JsonArray(ordered.Take(limit).Select(b => (JsonNode)BatchJson(b)).ToArray());
            body = ListBody(data, ordered.Count > limit, withCursorIds: true);
        }

        return Reply(context, body);
    }

    private Task CancelBatch(HttpContext context)
    {
        var id = HttpResults.Route(context, "batch_id");
        JsonObject? body;
        string? refused = null;
        lock (_gate)
        {
            AdvanceAll(Now);
            var batch = _batches.Find(b => b.Id == id);
            if (batch is not null && !batch.Cancel(Now))
            {
                refused = $"Cannot cancel a batch with status '{batch.Status}'.";
            }

            body = batch is null ? null : BatchJson(batch);
        }

        return body is null ? HttpResults.NotFound(context, $"No batch found with id '{id}'.", "batch_id")
            : refused is not null ? HttpResults.BadRequest(context, refused)
            : Reply(context, body);
    }

    /// <summary>Reads and checks the input file the way the service's validation step does; the caller holds the lock.</summary>
    private EmulatedBatch NewBatch(StoredFile file, string endpoint, string window, JsonObject? metadata, string? id = null)
    {
        var failing = new List<bool>();
        var errors = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var options = Options.Batches;
        var maxBytes = Options.Dialect == EmulatorDialect.Together ? Math.Min(options.MaxInputBytes, TogetherMaxBatchInputBytes) : options.MaxInputBytes;
        if (file.Content.LongLength > maxBytes)
        {
            errors.Add(BatchError("file_too_large", $"The input file is larger than the {maxBytes}-byte limit.", null));
        }

        var lineNumber = 0;
        foreach (var line in BatchLines(file.Content))
        {
            lineNumber++;
            var problem = CheckLine(line, endpoint, seen, out var fails);
            if (problem is not null && errors.Count < 100)
            {
                errors.Add(BatchError(problem.Value.Code, problem.Value.Message, lineNumber));
            }

            failing.Add(fails);
        }

        if (lineNumber > options.MaxRequests)
        {
            errors.Add(BatchError("too_many_requests", $"The input file has {lineNumber} requests; a batch holds at most {options.MaxRequests}.", null));
        }
        else if (lineNumber == 0)
        {
            errors.Add(BatchError("empty_file", "The input file has no requests.", null));
        }

        return new EmulatedBatch
        {
            Id = id ?? NewId("batch_", 32),
            InputFileId = file.Id,
            Endpoint = endpoint,
            CompletionWindow = window,
            Metadata = (JsonObject?)metadata?.DeepClone(),
            CreatedAt = Now,
            Options = options,
            Errors = errors.Count == 0 ? null : errors,
            Failing = new System.Collections.BitArray(failing.ToArray()),
        };
    }

    private (string Code, string Message)? CheckLine(string line, string endpoint, HashSet<string> seen, out bool fails)
    {
        fails = false;
        JsonObject? request;
        try
        {
            request = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        var customId = StringOf(request?["custom_id"]);
        if (request is null || customId is null || request["body"] is not JsonObject body)
        {
            return ("invalid_json_line", "This line is not a JSON object with 'custom_id', 'method', 'url' and 'body'.");
        }

        if (!seen.Add(customId))
        {
            return ("duplicate_custom_id", $"The custom_id '{customId}' appears more than once; custom ids must be unique.");
        }

        // Together's lines are {custom_id, body}; method and url, when a line has them, must still match.
        var optional = Options.Dialect == EmulatorDialect.Together;
        if (((!optional || request["method"] is not null) && StringOf(request["method"]) != "POST")
            || ((!optional || request["url"] is not null) && StringOf(request["url"]) != endpoint))
        {
            return ("mismatched_endpoint", $"The url of this request does not match the batch endpoint '{endpoint}'.");
        }

        var model = StringOf(body["model"]);
        var options = Options.Batches;
        fails = model is null || BatchModel(model) is null
            || options.FailRequest?.Invoke(line) == true
            || (options.FailureRate > 0 && (uint)DeterministicNoise.Hash(customId) % 10_000 < options.FailureRate * 10_000);
        return null;
    }

    private static JsonObject BatchError(string code, string message, int? line) => new()
    {
        ["code"] = code,
        ["message"] = message,
        ["param"] = null,
        ["line"] = line,
    };

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private void AdvanceBatches(DateTimeOffset now)
    {
        foreach (var batch in _batches)
        {
            batch.Advance(now, FinishBatch);
        }
    }
}
