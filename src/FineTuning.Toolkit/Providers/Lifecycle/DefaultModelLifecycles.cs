namespace FineTuning.Toolkit.Providers;

/// <summary>The facts behind <see cref="ModelLifecycleCatalog.Default"/>, with their sources.</summary>
internal static class DefaultModelLifecycles
{
    public static readonly DateOnly AsOf = new(2026, 12, 1);

    private static readonly Uri OpenAIDeprecations = new("https://platform.openai.com/docs/deprecations");
    private static readonly Uri OpenAIPricing = new("https://openai.com/api/pricing/");
    private static readonly Uri AzureRetirements = new("https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements");
    private static readonly Uri TogetherModels = new("https://docs.together.ai/docs/fine-tuning-models");

    // OpenAI: no new jobs for anyone from 2027-01-06; the five snapshots below shut down on 2027-01-14 with their
    // fine-tunes (OpenAI notices of 2026-05-07 and 2026-10-14). Batch API: half price.
    private static readonly DateOnly OpenAITrainingEnds = new(2027, 1, 6);
    private static readonly DateOnly OpenAIShutdown = new(2027, 1, 14);

    public static IEnumerable<ModelLifecycle> All()
    {
        yield return OpenAI("gpt-4o-mini-2024-07-18", 65_536, new ModelPrice(3.00m, 0.30m, 1.20m), OpenAIShutdown);
        yield return OpenAI("gpt-4o-2024-08-06", 65_536, new ModelPrice(25.00m, 3.75m, 15.00m), OpenAIShutdown);
        yield return OpenAI("gpt-4.1-2025-04-14", 65_536, new ModelPrice(25.00m, 3.00m, 12.00m), OpenAIShutdown);
        yield return OpenAI("gpt-4.1-mini-2025-04-14", 65_536, new ModelPrice(5.00m, 0.80m, 3.20m), OpenAIShutdown);
        yield return OpenAI("gpt-4.1-nano-2025-04-14", 65_536, new ModelPrice(1.50m, 0.20m, 0.80m), null);
        yield return OpenAI("gpt-3.5-turbo-0125", 16_385, new ModelPrice(8.00m, 3.00m, 6.00m), null);

        // Azure OpenAI: fine-tuning for existing customers until at least 2027-04-01 (gpt-4o, gpt-4o-mini),
        // 2027-04-14 (gpt-4.1 family), 2027-04-16 (o4-mini); deployments of fine-tuned models run until
        // 2027-10-01/14/16. Prices depend on region and training type (standard, globalStandard, developerTier): none here.
        yield return Azure("gpt-4o-mini-2024-07-18", new(2027, 4, 1), new(2027, 10, 1));
        yield return Azure("gpt-4o-2024-08-06", new(2027, 4, 1), new(2027, 10, 1));
        yield return Azure("gpt-4.1-2025-04-14", new(2027, 4, 14), new(2027, 10, 14));
        yield return Azure("gpt-4.1-mini-2025-04-14", new(2027, 4, 14), new(2027, 10, 14));
        yield return Azure("gpt-4.1-nano-2025-04-14", new(2027, 4, 14), new(2027, 10, 14));
        yield return Azure("o4-mini-2025-04-16", new(2027, 4, 16), new(2027, 10, 16));

        // Together AI: LoRA SFT context lengths from its fine-tuning models page; token prices by model size
        // (up to 16B, 70-100B) from together.ai/pricing; no announced end of training.
        yield return Together("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", 131_072, new ModelPrice(0.48m, 0.18m, 0.18m) { BatchDiscount = 0.5m });
        yield return Together("meta-llama/Meta-Llama-3.1-70B-Instruct-Reference", 131_072, new ModelPrice(2.90m, 0.88m, 0.88m) { BatchDiscount = 0.5m });
        yield return Together("openai/gpt-oss-20b", 16_384, new ModelPrice(0.48m, 0.05m, 0.20m) { BatchDiscount = 0.5m });
    }

    private static ModelLifecycle OpenAI(string model, int limit, ModelPrice price, DateOnly? shutdown) =>
        new(ModelLifecycleCatalog.OpenAI, model, limit, shutdown is null ? OpenAIPricing : OpenAIDeprecations)
        {
            TrainingEndsOn = OpenAITrainingEnds,
            ServingEndsOn = shutdown,
            Price = price with { BatchDiscount = 0.5m },
        };

    private static ModelLifecycle Azure(string model, DateOnly trainingEnds, DateOnly servingEnds) =>
        new(ModelLifecycleCatalog.AzureOpenAI, model, 65_536, AzureRetirements) { TrainingEndsOn = trainingEnds, ServingEndsOn = servingEnds };

    private static ModelLifecycle Together(string model, int limit, ModelPrice price) =>
        new(ModelLifecycleCatalog.Together, model, limit, TogetherModels) { Price = price };
}
