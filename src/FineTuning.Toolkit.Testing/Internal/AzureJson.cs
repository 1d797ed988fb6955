using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>What Azure OpenAI's v1 data plane says differently from OpenAI, and its error bodies.</summary>
internal static class AzureJson
{
    public const string DeploymentNotFoundMessage =
        "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.";

    /// <summary>Azure reports <c>pending</c> until a job runs, <c>n_epochs: -1</c> until then, echoes
    /// <c>trainingType</c>, and sends <c>"error": null</c> on healthy jobs.</summary>
    public static JsonObject Job(JsonObject body, EmulatedJob job)
    {
        if (job.Status is "validating_files" or "queued")
        {
            body["status"] = "pending";
            body["hyperparameters"]!["n_epochs"] = -1;
            var method = body["method"]?[job.Method]?["hyperparameters"];
            if (method is JsonObject hyperparameters)
            {
                hyperparameters["n_epochs"] = -1;
            }
        }

        if (job.Error is null)
        {
            body["error"] = null;
        }

        body["trainingType"] = job.TrainingType ?? "standard";
        return body;
    }

    /// <summary>An Azure error body: <c>{"error": {"code": ..., "message": ...}}</c>.</summary>
    public static Task Error(HttpContext context, int status, string code, string message)
    {
        var body = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(HttpResults.JsonOptions), context.RequestAborted);
    }

    public static Task DeploymentNotFound(HttpContext context) =>
        Error(context, StatusCodes.Status404NotFound, "DeploymentNotFound", DeploymentNotFoundMessage);
}
