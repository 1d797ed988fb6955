namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>What the emulator reads from a training file: the examples' question/answer pairs (for the fine-tuned
/// model's style), the example count and the token count, or the first problem that makes the file unusable.</summary>
internal sealed class TrainingFileContent
{
    public required IReadOnlyList<StylePair> Pairs { get; init; }

    public required int ExampleCount { get; init; }

    public required long TokenCount { get; init; }

    public string? ErrorMessage { get; init; }
}
