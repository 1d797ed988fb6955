namespace FineTuning.Toolkit.Providers.Together;

/// <summary>The body of Together AI's <c>POST /fine-tunes</c> (names in snake case; nulls are left out, so the service's defaults apply).</summary>
internal sealed record TogetherCreateJobPayload(
    string Model,
    string TrainingFile,
    string? ValidationFile,
    int? NEpochs,
    int? NCheckpoints,
    int? NEvals,
    int? BatchSize,
    double? LearningRate,
    int? RandomSeed,
    string? Suffix,
    TogetherTrainingMethodPayload TrainingMethod,
    TogetherTrainingTypePayload? TrainingType);
