using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorState
{
    private static readonly string[] AzureTrainingTypes = ["standard", "globalStandard", "developerTier"];

    /// <summary>Refuses a job the service would refuse before creating it: the dialect's training cut-off for the
    /// model has come (OpenAI: 2027-01-06), or an Azure <c>trainingType</c> that does not exist.</summary>
    private async Task<bool> RefusedAsync(HttpContext context, JsonObject request, string model)
    {
        if (Options.Dialect == EmulatorDialect.Azure && request["trainingType"] is { } node
            && (HttpResults.Text(node) is not { } trainingType || !AzureTrainingTypes.Contains(trainingType, StringComparer.Ordinal)))
        {
            await HttpResults.BadRequest(context, $"Invalid value for 'trainingType': expected one of {string.Join(", ", AzureTrainingTypes)}.", "trainingType", "invalidPayload").ConfigureAwait(false);
            return true;
        }

        var check = Options.Lifecycle.CheckTraining(Provider, model, Now);
        if (!check.IsPastCutOff)
        {
            return false;
        }

        var date = check.TrainingEndsOn!.Value.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var message = Options.Dialect == EmulatorDialect.Azure
            ? $"Fine-tuning of {model} is no longer available: new fine-tuning jobs are not accepted since {date}."
            : $"Fine-tuning job creation is no longer available. As of {date}, new fine-tuning jobs cannot be created for {model}. Existing fine-tuned models keep serving until their shutdown date.";
        await HttpResults.Error(context, StatusCodes.Status403Forbidden, message, param: "model", code: "fine_tuning_unavailable").ConfigureAwait(false);
        return true;
    }

    /// <summary>The model object, with <c>shutdown_date</c> from the catalog in the OpenAI dialect (fine-tuned models
    /// share their base model's date).</summary>
    private JsonObject ModelJson(EmulatedModel model)
    {
        var body = model.ToJson();
        if (Options.Dialect == EmulatorDialect.OpenAI
            && Options.Lifecycle.TryGet(Provider, model.Id, out var entry) && entry.ServingEndsOn is { } shutdown)
        {
            body["shutdown_date"] = shutdown.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return body;
    }
}
