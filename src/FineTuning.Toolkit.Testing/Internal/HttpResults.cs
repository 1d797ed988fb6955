using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Writes JSON bodies and OpenAI-shaped errors. Every handler answers through here, so a
/// "response lost after the server accepted the request" fault can drop the connection instead.</summary>
internal static class HttpResults
{
    public const string LoseResponseKey = "FineTuning.Toolkit.Testing.LoseResponse";

    // Like the real service: indented, and text (apostrophes, emoji, accents) written as is rather than \u-escaped.
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions CompactJsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Json(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        if (context.Items.ContainsKey(LoseResponseKey))
        {
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(JsonOptions), context.RequestAborted);
    }

    public static Task Bytes(HttpContext context, byte[] content, string contentType)
    {
        if (context.Items.ContainsKey(LoseResponseKey))
        {
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.LongLength;
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    public static Task Error(HttpContext context, int status, string message, string type = "invalid_request_error", string? param = null, string? code = null)
    {
        var body = ErrorBody(message, type, param, code);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(JsonOptions), context.RequestAborted);
    }

    public static JsonObject ErrorBody(string message, string type, string? param, string? code) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = type,
            ["param"] = param,
            ["code"] = code,
        },
    };

    public static Task NotFound(HttpContext context, string message, string param = "id") =>
        Error(context, StatusCodes.Status404NotFound, message, param: param);

    public static Task BadRequest(HttpContext context, string message, string? param = null, string? code = null) =>
        Error(context, StatusCodes.Status400BadRequest, message, param: param, code: code);

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

    public static async Task<JsonObject?> ReadJsonObjectAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static int? QueryInt(HttpContext context, string name) =>
        int.TryParse(context.Request.Query[name].ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static string? QueryString(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }
}
