using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Datasets;

/// <summary>A supervised fine-tuning example: a conversation of <see cref="TrainingMessage"/>s, optionally with tools.</summary>
public sealed record TrainingExample : DatasetExample
{
    /// <summary>Gets the conversation, in order.</summary>
    public required IReadOnlyList<TrainingMessage> Messages { get; init; }

    /// <summary>Gets the tools offered to the model, or <see langword="null"/>.</summary>
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    /// <summary>Gets the <c>parallel_tool_calls</c> flag, or <see langword="null"/> to leave it unspecified.</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <inheritdoc />
    public bool Equals(TrainingExample? other) =>
        base.Equals(other)
        && Sequences.Equal(Messages, other.Messages)
        && Sequences.Equal(Tools, other.Tools)
        && ParallelToolCalls == other.ParallelToolCalls;

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), Sequences.Hash(Messages), Sequences.Hash(Tools), ParallelToolCalls);
}
