using System.Globalization;
using FineTuning.Toolkit.Providers;

namespace TechFlow.SupportAssistant;

/// <summary>Where the lab trains when no <c>--provider</c> is given: OpenAI while it still takes fine-tuning jobs for
/// the lab's model, Azure OpenAI (which keeps training it) after OpenAI's cut-off, judged by the library's catalog.</summary>
internal static class DefaultProvider
{
    /// <summary>Chooses the provider on <paramref name="time"/>'s date and says why in one line.</summary>
    public static (string Provider, string Reason) Choose(TimeProvider time)
    {
        const string model = "gpt-4o-mini-2024-07-18";
        var check = ModelLifecycleCatalog.Default.CheckTraining(ModelLifecycleCatalog.OpenAI, model, time.GetUtcNow());
        var until = check.TrainingEndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "its cut-off";
        return check.IsPastCutOff
            ? ("azure", $"Provider: azure (no --provider given): OpenAI takes no new fine-tuning jobs for {model} since {until}; Azure OpenAI still trains it.")
            : ("openai", $"Provider: openai (no --provider given): OpenAI takes fine-tuning jobs for {model} until {until}; after that the default is azure.");
    }
}
