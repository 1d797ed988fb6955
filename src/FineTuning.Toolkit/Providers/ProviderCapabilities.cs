namespace FineTuning.Toolkit.Providers;

/// <summary>
/// What a provider (a place that trains and serves fine-tuned models) supports: its training methods, the
/// hyperparameters a <see cref="Jobs.FineTuneRequest"/> may set for it, whether a trained model must be deployed before it
/// answers, its data limits, and how its job statuses map to the library's.
/// </summary>
/// <remarks>Read it from <see cref="Jobs.FineTuneJobRunner.Capabilities"/>; the values are documented limits, with sources in <see cref="Source"/>.</remarks>
public sealed record ProviderCapabilities
{
    /// <summary>Gets the provider's name as used in <see cref="Jobs.FineTuneJobRunnerOptions.Provider"/> (<c>openai</c>, <c>azure</c>, <c>together</c>, <c>openai-compatible</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the provider's display name, for messages.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the training methods the provider accepts.</summary>
    public required IReadOnlyList<FineTuneMethod> Methods { get; init; }

    /// <summary>Gets the hyperparameters the provider accepts, by the wire names it uses (for example <c>n_epochs</c>, <c>lora_r</c>).</summary>
    public required IReadOnlyList<string> Hyperparameters { get; init; }

    /// <summary>Gets a value indicating whether a trained model answers only after a deployment step (Azure OpenAI).</summary>
    public bool RequiresDeployment { get; init; }

    /// <summary>Gets a value indicating whether jobs can be paused and resumed.</summary>
    public bool SupportsPause { get; init; }

    /// <summary>Gets the largest training file the provider accepts, in bytes; <see langword="null"/> when it documents none.</summary>
    public long? MaxTrainingFileBytes { get; init; }

    /// <summary>Gets the provider's job statuses and the library status each maps to (for example Together's <c>error</c> → <c>failed</c>).</summary>
    public required IReadOnlyDictionary<string, string> StatusMap { get; init; }

    /// <summary>Gets a value indicating whether the provider runs chat requests through a Batch API (<c>/batches</c>), which a
    /// comparison uses in <see cref="Comparison.Batch.ComparisonExecutionMode.Batch"/>.</summary>
    public bool SupportsBatch { get; init; }

    /// <summary>Gets the most requests the provider takes in one batch; larger suites are split. <see langword="null"/> when it documents none.</summary>
    public int? MaxBatchRequests { get; init; }

    /// <summary>Gets the largest batch request file the provider takes, in bytes; larger suites are split. <see langword="null"/> when it documents none.</summary>
    public long? MaxBatchFileBytes { get; init; }

    /// <summary>Gets the share of the live price the provider takes off for batch requests (0.5 for half price), as documented; a model's
    /// own <see cref="ModelPrice.BatchDiscount"/> is what a report prices with. <see langword="null"/> when it documents none.</summary>
    public decimal? BatchDiscount { get; init; }

    /// <summary>Gets where the values come from (the provider's documentation).</summary>
    public required string Source { get; init; }
}
