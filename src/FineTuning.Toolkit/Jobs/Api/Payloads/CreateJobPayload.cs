namespace FineTuning.Toolkit.Jobs;

/// <summary>The body of <c>POST /fine_tuning/jobs</c> (OpenAI and Azure OpenAI; Azure adds <see cref="TrainingType"/>).</summary>
internal sealed record CreateJobPayload(
    string Model,
    string TrainingFile,
    string? ValidationFile,
    string? Suffix,
    int? Seed,
    MethodPayload Method,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<IntegrationPayload>? Integrations)
{
    /// <summary>Gets Azure OpenAI's <c>trainingType</c> (camel case on the wire), or <see langword="null"/> elsewhere.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("trainingType")]
    public string? TrainingType { get; init; }
}
