namespace FineTuning.Toolkit.Testing;

/// <summary>Which provider's API an <see cref="OpenAIEmulator"/> speaks. One emulator instance serves one dialect.</summary>
public enum EmulatorDialect
{
    /// <summary>OpenAI: <c>/v1/files</c>, <c>/v1/uploads</c>, <c>/v1/fine_tuning/jobs</c>, <c>/v1/models</c> (with
    /// <c>shutdown_date</c>), <c>/v1/chat/completions</c>; <c>Authorization: Bearer</c> key; jobs refused after the
    /// model's training cut-off.</summary>
    OpenAI,

    /// <summary>Azure OpenAI: the v1 data plane under <c>/openai/v1/</c> (<c>api-key</c> header or bearer token,
    /// <c>trainingType</c>, <c>pending</c> files and jobs, chat by deployment name) and the Azure Resource Manager
    /// deployments API under <c>/subscriptions/…</c> (bearer token), served over HTTPS.</summary>
    Azure,

    /// <summary>Together AI: <c>/v1/files/upload</c>, <c>/v1/files</c>, <c>/v1/fine-tunes</c> (LoRA, sft/dpo,
    /// <c>n_checkpoints</c>, events, checkpoints, metrics, cancel, delete), <c>/v1/models</c> and an OpenAI-compatible
    /// <c>/v1/chat/completions</c> whose Llama-family answers end with <c>finish_reason: "eos"</c>.</summary>
    Together,
}
