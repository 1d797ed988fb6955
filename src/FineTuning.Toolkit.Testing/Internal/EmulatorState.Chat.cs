using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorState
{
    private void MapChat(WebApplication app) => app.MapPost("/v1/chat/completions", ChatCompletionAsync);

    private async Task ChatCompletionAsync(HttpContext context)
    {
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        var modelName = request?["model"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : null;
        if (request is null || string.IsNullOrEmpty(modelName))
        {
            await HttpResults.BadRequest(context, "Missing required parameter: 'model'.", "model").ConfigureAwait(false);
            return;
        }

        if (request["messages"] is not JsonArray messages || messages.Count == 0)
        {
            await HttpResults.BadRequest(context, "Missing required parameter: 'messages'.", "messages").ConfigureAwait(false);
            return;
        }

        EmulatedModel? model;
        lock (_gate)
        {
            AdvanceAll(Now);
            model = FindModel(modelName);
        }

        if (model is null)
        {
            await HttpResults.NotFound(context, $"The model '{modelName}' does not exist or you do not have access to it.", "model").ConfigureAwait(false);
            return;
        }

        var reply = Answer(request, messages, modelName, model);
        if (request["stream"] is JsonValue stream && stream.GetValueKind() == JsonValueKind.True)
        {
            var includeUsage = request["stream_options"]?["include_usage"] is JsonValue iu && iu.GetValueKind() == JsonValueKind.True;
            await StreamAsync(context, reply.Id, reply.Created, modelName, reply.Fingerprint, reply.Answers, includeUsage ? reply.Usage : null).ConfigureAwait(false);
            return;
        }

        await Reply(context, CompletionBody(reply, modelName)).ConfigureAwait(false);
    }

    /// <summary>Answers a chat request (live or a line of a batch) with the model's responder: the same request gives the same answer either way.</summary>
    private (string Id, long Created, string Fingerprint, List<(string Text, string Finish)> Answers, JsonObject Usage) Answer(JsonObject request, JsonArray messages, string modelName, EmulatedModel model)
    {
        var tokenizer = EmulatorTokenizer.ForModel(modelName);
        var promptTokens = EmulatorTokenizer.ReplyPriming;
        var question = string.Empty;
        foreach (var message in messages.OfType<JsonObject>())
        {
            var role = message["role"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : string.Empty;
            var content = MessageText(message["content"]);
            promptTokens += tokenizer.CountMessage(role, content);
            if (role == "user")
            {
                question = content;
            }
        }

        var seed = request["seed"] is JsonValue s && s.TryGetValue<int>(out var requestSeed) ? requestSeed : Options.Seed;
        var maxTokens = ReadInt(request["max_completion_tokens"]) ?? ReadInt(request["max_tokens"]);
        var choices = Math.Clamp(ReadInt(request["n"]) ?? 1, 1, 8);
        var answers = new List<(string Text, string Finish)>();
        var completionTokens = 0;
        for (var i = 0; i < choices; i++)
        {
            var answer = model.Style is { } style ? style.Answer(question, seed + i) : GenericResponder.Answer(question, seed + i);
            var finish = "stop";
            if (maxTokens is { } limit && tokenizer.Count(answer) > limit)
            {
                answer = Truncate(answer, limit, tokenizer);
                finish = "length";
            }

            completionTokens += tokenizer.Count(answer);
            answers.Add((answer, finish));
        }

        var usage = new JsonObject
        {
            ["prompt_tokens"] = promptTokens,
            ["completion_tokens"] = completionTokens,
            ["total_tokens"] = promptTokens + completionTokens,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
            ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0, ["audio_tokens"] = 0, ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0 },
        };
        var fingerprint = "fp_" + ((uint)DeterministicNoise.Hash(modelName)).ToString("x8", CultureInfo.InvariantCulture);
        return (NewTransientId("chatcmpl-", 29), Now.ToUnixTimeSeconds(), fingerprint, answers, usage);
    }

    private static JsonObject CompletionBody((string Id, long Created, string Fingerprint, List<(string Text, string Finish)> Answers, JsonObject Usage) reply, string modelName) => new()
    {
        ["id"] = reply.Id,
        ["object"] = "chat.completion",
        ["created"] = reply.Created,
        ["model"] = modelName,
        ["choices"] = new JsonArray(reply.Answers.Select((a, index) => (JsonNode)new JsonObject
        {
            ["index"] = index,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = a.Text, ["refusal"] = null, ["annotations"] = new JsonArray() },
            ["logprobs"] = null,
            ["finish_reason"] = a.Finish,
        }).ToArray()),
        ["usage"] = reply.Usage,
        ["service_tier"] = "default",
        ["system_fingerprint"] = reply.Fingerprint,
    };

    private static async Task StreamAsync(HttpContext context, string id, long created, string model, string fingerprint, List<(string Text, string Finish)> answers, JsonObject? usage)
    {
        if (context.Items.ContainsKey(HttpResults.LoseResponseKey))
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        async Task SendAsync(JsonArray choices, JsonObject? chunkUsage)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["system_fingerprint"] = fingerprint,
                ["choices"] = choices,
            };
            if (usage is not null)
            {
                chunk["usage"] = chunkUsage;
            }

            await context.Response.WriteAsync("data: " + chunk.ToJsonString(HttpResults.CompactJsonOptions) + "\n\n", context.RequestAborted).ConfigureAwait(false);
        }

        for (var index = 0; index < answers.Count; index++)
        {
            await SendAsync(new JsonArray(new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Empty, ["refusal"] = null }, ["logprobs"] = null, ["finish_reason"] = null }), null).ConfigureAwait(false);
            foreach (var piece in Pieces(answers[index].Text))
            {
                await SendAsync(new JsonArray(new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["content"] = piece }, ["logprobs"] = null, ["finish_reason"] = null }), null).ConfigureAwait(false);
            }

            await SendAsync(new JsonArray(new JsonObject { ["index"] = index, ["delta"] = new JsonObject(), ["logprobs"] = null, ["finish_reason"] = answers[index].Finish }), null).ConfigureAwait(false);
        }

        if (usage is not null)
        {
            await SendAsync(new JsonArray(), (JsonObject)usage.DeepClone()).ConfigureAwait(false);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ' || text[i] == '\n')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }

    private static string Truncate(string answer, int limit, EmulatorTokenizer tokenizer)
    {
        var builder = new StringBuilder();
        foreach (var piece in Pieces(answer))
        {
            if (tokenizer.Count(builder + piece) > limit)
            {
                break;
            }

            builder.Append(piece);
        }

        return builder.ToString();
    }

    private static int? ReadInt(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var value) ? value : null;

    private static string MessageText(JsonNode? content) => content switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => p["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : string.Empty)),
        _ => string.Empty,
    };
}
