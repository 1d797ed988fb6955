using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Providers;

/// <summary>
/// Refuses, before anything is uploaded, a request that sets what its provider does not accept (a LoRA rank at OpenAI, a
/// learning-rate multiplier at Together AI, ...): silently dropping a setting would train something else than asked.
/// </summary>
internal static class ProviderRequestCheck
{
    /// <exception cref="ArgumentException">The request sets a hyperparameter or method the provider does not accept.</exception>
    public static void ThrowIfUnsupported(FineTuneRequest request, ProviderCapabilities capabilities)
    {
        var refused = SetHyperparameters(request, capabilities).Where(h => !capabilities.Hyperparameters.Contains(h.Name, StringComparer.Ordinal)).ToList();
        if (refused.Count > 0)
        {
            throw new ArgumentException(
                $"{capabilities.DisplayName} does not accept {string.Join(", ", refused.Select(h => $"{h.Name} (set by {h.Setter})"))}; "
                + $"it accepts {string.Join(", ", capabilities.Hyperparameters)}."
                + (refused.Any(h => h.Name == "learning_rate_multiplier") ? " Use WithLearningRate for an absolute rate." : string.Empty)
                + (refused.Any(h => h.Name == "learning_rate") ? " Use WithLearningRateMultiplier for a multiplier of the default rate." : string.Empty),
                nameof(request));
        }

        if (!capabilities.Methods.Contains(request.Method))
        {
            throw new ArgumentException($"{capabilities.DisplayName} does not train with {request.Method}; it accepts {string.Join(", ", capabilities.Methods)}.", nameof(request));
        }

        if (capabilities.Name == "together" && (request.Metadata.Count > 0 || request.Integrations.Count > 0))
        {
            throw new ArgumentException($"{capabilities.DisplayName} jobs carry no metadata and take no OpenAI-style integrations; remove WithMetadata and WithWeightsAndBiases.", nameof(request));
        }
    }

    private static IEnumerable<(string Name, string Setter)> SetHyperparameters(FineTuneRequest request, ProviderCapabilities capabilities)
    {
        if (request.Epochs is not null)
        {
            yield return ("n_epochs", nameof(FineTuneRequest.WithEpochs));
        }

        if (request.BatchSize is not null)
        {
            yield return ("batch_size", nameof(FineTuneRequest.WithBatchSize));
        }

        if (request.LearningRateMultiplier is not null)
        {
            yield return ("learning_rate_multiplier", nameof(FineTuneRequest.WithLearningRateMultiplier));
        }

        if (request.LearningRate is not null)
        {
            yield return ("learning_rate", nameof(FineTuneRequest.WithLearningRate));
        }

        if (request.LoraRank is not null)
        {
            yield return ("lora_r", nameof(FineTuneRequest.WithLora));
            yield return ("lora_alpha", nameof(FineTuneRequest.WithLora));
        }

        if (request.LoraDropout is not null)
        {
            yield return ("lora_dropout", nameof(FineTuneRequest.WithLora));
        }

        if (request.CheckpointCount is not null)
        {
            yield return ("n_checkpoints", nameof(FineTuneRequest.WithCheckpoints));
        }

        if (request.Beta is not null)
        {
            // Together AI calls it dpo_beta (inside training_method); OpenAI and Azure call it beta.
            yield return (capabilities.Hyperparameters.Contains("dpo_beta", StringComparer.Ordinal) ? "dpo_beta" : "beta", nameof(FineTuneRequest.WithDpo));
        }
    }
}
