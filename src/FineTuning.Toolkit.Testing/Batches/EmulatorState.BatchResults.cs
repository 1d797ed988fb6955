using System.Text;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The Batch API's results: the batch object, and the output and error files written when processing ends.</summary>
internal sealed partial class EmulatorState
{
    /// <summary>The lines of a JSONL file (blank lines skipped, a trailing carriage return removed).</summary>
    private static IEnumerable<string> BatchLines(byte[] content)
    {
        var start = 0;
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            end = end < 0 ? content.Length : end;
            var length = end - start;
            if (length > 0 && content[end - 1] == '\r')
            {
                length--;
            }

            if (length > 0)
            {
                yield return Encoding.UTF8.GetString(content, start, length);
            }

            start = end + 1;
        }
    }

    /// <summary>Answers every processed request with the live chat responder and stores the output and error files; the caller holds the lock.</summary>
    private void FinishBatch(EmulatedBatch batch)
    {
        var input = FindFile(batch.InputFileId);
        using var output = new MemoryStream();
        using var errors = new MemoryStream();
        long inputTokens = 0, outputTokens = 0;
        var index = 0;
        foreach (var line in input is null ? [] : BatchLines(input.Content))
        {
            var request = (JsonObject)JsonNode.Parse(line)!;
            var customId = request["custom_id"]!.GetValue<string>();
            var body = (JsonObject)request["body"]!;
            JsonObject result;
            if (index >= batch.Processed)
            {
                var code = batch.Status == "cancelled" ? "batch_cancelled" : "batch_expired";
                var message = batch.Status == "cancelled"
                    ? "This request was not executed because the batch was cancelled."
                    : "This request could not be executed before the completion window expired.";
                result = ResultLine(customId, null, new JsonObject { ["code"] = code, ["message"] = message });
            }
            else if (batch.Failing[index])
            {
                var model = StringOf(body["model"]);
                var (status, error) = model is null || BatchModel(model) is null
                    ? (404, HttpResults.ErrorBody($"The model '{model}' does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found"))
                    : (500, HttpResults.ErrorBody("The server had an error while processing your request. Sorry about that!", "server_error", null, null));
                result = ResultLine(customId, Response(status, error), null);
            }
            else
            {
                var modelName = body["model"]!.GetValue<string>();
                var model = BatchModel(modelName)!;
                var (answers, usage) = Answer(body, body["messages"] as JsonArray ?? [], model, modelName);
                inputTokens += usage["prompt_tokens"]!.GetValue<int>();
                outputTokens += usage["completion_tokens"]!.GetValue<int>();
                result = ResultLine(customId, Response(200, BatchCompletionBody(answers, usage, Options.Dialect == EmulatorDialect.Azure ? model.Id : modelName)), null);
            }

            var target = index < batch.Processed && !batch.Failing[index] ? output : errors;
            target.Write(Encoding.UTF8.GetBytes(result.ToJsonString(HttpResults.CompactJsonOptions)));
            target.WriteByte((byte)'\n');
            index++;
        }

        var now = Now;
        var purpose = Options.Dialect == EmulatorDialect.Together ? "batch-generated" : "batch_output";
        if (output.Length > 0)
        {
            batch.OutputFileId = AddFile($"batch_{batch.Id}_output.jsonl", purpose, output.ToArray(), now, processed: true).Id;
        }

        if (errors.Length > 0)
        {
            batch.ErrorFileId = AddFile($"batch_{batch.Id}_error.jsonl", purpose, errors.ToArray(), now, processed: true).Id;
        }

        batch.Usage = new JsonObject
        {
            ["input_tokens"] = inputTokens,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = outputTokens,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = inputTokens + outputTokens,
        };
    }

    /// <summary>The model a request line addresses: a deployment on Azure, a served model on Together, a model elsewhere; the caller holds the lock.</summary>
    private EmulatedModel? BatchModel(string name) => Options.Dialect switch
    {
        EmulatorDialect.Azure => DeployedModel(name),
        EmulatorDialect.Together => TogetherServes(name) ? FindModel(name) : null,
        _ => FindModel(name),
    };

    private JsonObject Response(int status, JsonObject body) => new()
    {
        ["status_code"] = status,
        ["request_id"] = NewTransientId("req_", 32).ToLowerInvariant(),
        ["body"] = body,
    };

    private JsonObject ResultLine(string customId, JsonObject? response, JsonObject? error) => new()
    {
        ["id"] = NewTransientId("batch_req_", 32),
        ["custom_id"] = customId,
        ["response"] = response,
        ["error"] = error,
    };

    /// <summary>The batch object. Timestamps of stages not reached, and files not written, are left out (the spec types
    /// them as integer/string, not nullable).</summary>
    private JsonObject BatchJson(EmulatedBatch batch)
    {
        var (completed, failed) = batch.Counts(Now);
        var body = new JsonObject
        {
            ["id"] = batch.Id,
            ["object"] = "batch",
            ["endpoint"] = batch.Endpoint,
            ["input_file_id"] = batch.InputFileId,
            ["completion_window"] = batch.CompletionWindow,
            ["status"] = batch.Status,
            ["created_at"] = batch.CreatedAt.ToUnixTimeSeconds(),
            ["expires_at"] = batch.ExpiresAt.ToUnixTimeSeconds(),
            ["request_counts"] = new JsonObject { ["total"] = batch.Errors is null ? batch.Total : 0, ["completed"] = completed, ["failed"] = failed },
            ["metadata"] = batch.Metadata?.DeepClone(),
        };
        if (batch.Errors is not null && batch.Status == "failed")
        {
            body["errors"] = new JsonObject { ["object"] = "list", ["data"] = batch.Errors.DeepClone() };
        }

        AddTime(body, "in_progress_at", batch.InProgressAt);
        AddTime(body, "finalizing_at", batch.FinalizingAt);
        AddTime(body, "completed_at", batch.CompletedAt);
        AddTime(body, "failed_at", batch.FailedAt);
        AddTime(body, "expired_at", batch.ExpiredAt);
        AddTime(body, "cancelling_at", batch.CancellingAt);
        AddTime(body, "cancelled_at", batch.CancelledAt);
        if (batch.OutputFileId is not null)
        {
            body["output_file_id"] = batch.OutputFileId;
        }

        if (batch.ErrorFileId is not null)
        {
            body["error_file_id"] = batch.ErrorFileId;
        }

        if (batch.Usage is not null)
        {
            body["usage"] = batch.Usage.DeepClone();
        }

        return body;
    }

    private static void AddTime(JsonObject body, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            body[name] = value.ToUnixTimeSeconds();
        }
    }
}
