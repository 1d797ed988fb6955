using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorState
{
    private void MapChat(WebApplication app) => app.MapPost(Prefix + "/chat/completions", ChatCompletionAsync);

    private async Task ChatCompletionAsync(HttpContext context)
    {
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        var modelName = HttpResults.Text(request?["model"]);
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

        if (await ChatModelAsync(context, modelName).ConfigureAwait(false) is not { } model)
        {
            return;
        }

        var (answers, usage) = Answer(request, messages, model, modelName);
        var created = Now.ToUnixTimeSeconds();
        var id = NewTransientId("chatcmpl-", 29);
        var fingerprint = Fingerprint(modelName);
        modelName = Options.Dialect == EmulatorDialect.Azure ? model.Id : modelName; // Azure answers with the deployed model's name.
        if (request["stream"] is JsonValue stream && stream.GetValueKind() == JsonValueKind.True)
        {
            var includeUsage = request["stream_options"]?["include_usage"] is JsonValue iu && iu.GetValueKind() == JsonValueKind.True;
            await StreamAsync(context, id, created, modelName, fingerprint, answers, includeUsage ? usage : null).ConfigureAwait(false);
            return;
        }

        await Reply(context, DialectBody(ChatCompletionBody(id, created, modelName, fingerprint, answers, usage))).ConfigureAwait(false);
    }

    /// <summary>The model a chat request addresses in this dialect, or <see langword="null"/> after answering the
    /// dialect's 404 (Azure: <c>DeploymentNotFound</c>; Together: a trained model before <c>completed</c>).</summary>
    private async Task<EmulatedModel?> ChatModelAsync(HttpContext context, string modelName)
    {
        EmulatedModel? model;
        lock (_gate)
        {
            AdvanceAll(Now);
            model = Options.Dialect switch
            {
                EmulatorDialect.Azure => DeployedModel(modelName),
                EmulatorDialect.Together => TogetherServes(modelName) ? FindModel(modelName) : null,
                _ => FindModel(modelName),
            };
        }

        if (model is null && Options.Dialect == EmulatorDialect.Azure)
        {
            await AzureJson.DeploymentNotFound(context).ConfigureAwait(false);
        }
        else if (model is null)
        {
            await HttpResults.NotFound(context, $"The model '{modelName}' does not exist or you do not have access to it.", "model").ConfigureAwait(false);
        }

        return model;
    }

    private (List<(string Text, string Finish)> Answers, JsonObject Usage) Answer(JsonObject request, JsonArray messages, EmulatedModel model, string modelName)
    {
        var tokenizer = EmulatorTokenizer.ForModel(modelName);
        var promptTokens = EmulatorTokenizer.ReplyPriming;
        var question = string.Empty;
        foreach (var message in messages.OfType<JsonObject>())
        {
            var role = HttpResults.Text(message["role"]) ?? string.Empty;
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
            var answer = JudgeResponder.TryAnswer(question) ?? (model.Style is { } style ? style.Answer(question, seed + i) : GenericResponder.Answer(question, seed + i));
            // Together ends Llama-family answers with "eos" (which the OpenAI SDK's chat client cannot parse).
            var finish = Options.Dialect == EmulatorDialect.Together && modelName.Contains("llama", StringComparison.OrdinalIgnoreCase) ? "eos" : "stop";
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
        return (answers, usage);
    }

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

    /// <summary>A batch output line's body: the same chat completion the live route returns.</summary>
    private JsonObject BatchCompletionBody(List<(string Text, string Finish)> answers, JsonObject usage, string modelName) =>
        DialectBody(ChatCompletionBody(NewTransientId("chatcmpl-", 29), Now.ToUnixTimeSeconds(), modelName, Fingerprint(modelName), answers, usage));

    /// <summary>A chat completion in the dialect's shape: Together's has no <c>service_tier</c> and echoes a <c>prompt</c> list.</summary>
    private JsonObject DialectBody(JsonObject body)
    {
        if (Options.Dialect == EmulatorDialect.Together)
        {
            body.Remove("service_tier");
            body["prompt"] = new JsonArray();
        }

        return body;
    }

    private static string Fingerprint(string modelName) => "fp_" + ((uint)DeterministicNoise.Hash(modelName)).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>A <c>chat.completion</c> object, one choice per answer.</summary>
    private static JsonObject ChatCompletionBody(string id, long created, string modelName, string fingerprint, List<(string Text, string Finish)> answers, JsonObject usage) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion",
        ["created"] = created,
        ["model"] = modelName,
        ["choices"] = new JsonArray(answers.Select((a, index) => (JsonNode)new JsonObject
        {
            ["index"] = index,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = a.Text, ["refusal"] = null, ["annotations"] = new JsonArray() },
            ["logprobs"] = null,
            ["finish_reason"] = a.Finish,
        }).ToArray()),
        ["usage"] = usage,
        ["service_tier"] = "default",
        ["system_fingerprint"] = fingerprint,
    };
}
