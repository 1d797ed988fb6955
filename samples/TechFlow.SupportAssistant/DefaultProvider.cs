using System.Globalization;
using FineTuning.Toolkit.Providers;

namespace TechFlow.SupportAssistant;

/// <summary>Where the lab trains when no <c>--provider</c> is given: OpenAI while it still takes fine-tuning jobs for
/// the lab's model, Azure OpenAI (which keeps training it) after OpenAI's cut-off, Together AI once Azure's has passed
/// too; judged by the library's catalog.</summary>
internal static class DefaultProvider
{
    private const string Model = "gpt-4o-mini-2024-07-18";

    /// <summary>Chooses the provider on <paramref name="time"/>'s date and says why in one line.</summary>
    public static (string Provider, string Reason) Choose(TimeProvider time)
    {
        var now = time.GetUtcNow();
        var openai = ModelLifecycleCatalog.Default.CheckTraining(ModelLifecycleCatalog.OpenAI, Model, now);
        if (!openai.IsPastCutOff)
        {
            return ("openai", $"Provider: openai (no --provider given): OpenAI takes fine-tuning jobs for {Model} until {Date(openai)}; after that the default is azure.");
        }

        var azure = ModelLifecycleCatalog.Default.CheckTraining(ModelLifecycleCatalog.AzureOpenAI, Model, now);
        return azure.IsPastCutOff
            ? ("together", $"Provider: together (no --provider given): OpenAI stopped fine-tuning {Model} on {Date(openai)} and Azure OpenAI on {Date(azure)}; Together AI trains open models.")
            : ("azure", $"Provider: azure (no --provider given): OpenAI takes no new fine-tuning jobs for {Model} since {Date(openai)}; Azure OpenAI trains it until {Date(azure)}.");
    }

    private static string Date(ModelLifecycleCheck check) =>
        check.TrainingEndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "its cut-off";
}
