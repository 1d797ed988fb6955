namespace FineTuning.Toolkit.Providers;

/// <summary>The documented capabilities of the built-in providers (sources in each <see cref="ProviderCapabilities.Source"/>).</summary>
internal static class KnownCapabilities
{
    private static readonly Dictionary<string, string> OpenAIStatuses = new(StringComparer.Ordinal)
    {
        ["validating_files"] = "validating_files", ["queued"] = "queued", ["running"] = "running", ["pausing"] = "pausing",
        ["paused"] = "paused", ["succeeded"] = "succeeded", ["failed"] = "failed", ["cancelled"] = "cancelled",
    };

    public static ProviderCapabilities OpenAI { get; } = new()
    {
        Name = "openai",
        DisplayName = "OpenAI",
        Methods = [FineTuneMethod.Supervised, FineTuneMethod.Dpo],
        Hyperparameters = ["n_epochs", "batch_size", "learning_rate_multiplier", "beta"],
        SupportsPause = true,
        MaxTrainingFileBytes = 8L * 1024 * 1024 * 1024, // the Uploads API's limit; the Files API alone takes 512 MB
        StatusMap = OpenAIStatuses,
        SupportsBatch = true,
        MaxBatchRequests = 50_000,
        MaxBatchFileBytes = 200L * 1024 * 1024,
        BatchDiscount = 0.5m,
        Source = "https://platform.openai.com/docs/api-reference/fine-tuning and /uploads; batch: https://platform.openai.com/docs/guides/batch (50,000 requests, 200 MB, 50% off)",
    };

    public static ProviderCapabilities AzureOpenAI { get; } = OpenAI with
    {
        Name = "azure",
        DisplayName = "Azure OpenAI",
        Hyperparameters = ["n_epochs", "batch_size", "learning_rate_multiplier", "beta", "seed", "trainingType"],
        RequiresDeployment = true,
        MaxTrainingFileBytes = 512L * 1024 * 1024,
        StatusMap = new Dictionary<string, string>(OpenAIStatuses, StringComparer.Ordinal) { ["pending"] = "queued", ["notRunning"] = "queued" },
        MaxBatchRequests = 100_000,
        Source = "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/fine-tuning (v1 data plane) and the Microsoft.CognitiveServices deployments API; "
            + "batch: https://learn.microsoft.com/azure/ai-foundry/openai/how-to/batch (global batch deployments: 100,000 requests, 200 MB, 50% off global standard)",
    };

    public static ProviderCapabilities Together { get; } = new()
    {
        Name = "together",
        DisplayName = "Together AI",
        Methods = [FineTuneMethod.Supervised, FineTuneMethod.Dpo],
        Hyperparameters = ["n_epochs", "batch_size", "learning_rate", "lora", "lora_r", "lora_alpha", "lora_dropout", "n_checkpoints", "n_evals", "warmup_ratio", "training_method", "dpo_beta"],
        StatusMap = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pending"] = "queued", ["queued"] = "queued", ["running"] = "running", ["compressing"] = "running", ["uploading"] = "running",
            ["cancel_requested"] = "running", ["cancelled"] = "cancelled", ["error"] = "failed", ["user_error"] = "failed", ["completed"] = "succeeded",
        },
        SupportsBatch = true,
        MaxBatchRequests = 50_000,
        MaxBatchFileBytes = 100L * 1024 * 1024,
        BatchDiscount = 0.5m,
        Source = "https://docs.together.ai/reference/post-fine-tunes (FinetuneJobStatus in together-openapi.yaml); "
            + "batch: https://docs.together.ai/docs/inference/batch/overview (50,000 requests, 100 MB per input file, 24 h window, up to 50% off on selected models)",
    };

    public static ProviderCapabilities OpenAICompatible { get; } = OpenAI with
    {
        Name = "openai-compatible",
        DisplayName = "an OpenAI-compatible endpoint",
        SupportsPause = false,
        MaxTrainingFileBytes = null,
        MaxBatchRequests = null,
        MaxBatchFileBytes = null,
        BatchDiscount = null,
        StatusMap = new Dictionary<string, string>(OpenAIStatuses, StringComparer.Ordinal) { ["pending"] = "queued" },
        Source = "the OpenAI fine-tuning and Batch API shapes; the endpoint's own limits apply",
    };

    public static ProviderCapabilities For(ProviderProfile profile) => profile.Name switch
    {
        "azure" => AzureOpenAI,
        "together" => Together,
        "openai-compatible" => OpenAICompatible,
        _ => OpenAI,
    };
}
