using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// A preference (DPO) example: an <c>input</c> conversation with tools, a <c>preferred_output</c> and a <c>non_preferred_output</c>.
/// </summary>
public sealed record PreferenceExample : DatasetExample
{
    /// <summary>Gets the input conversation (<c>input.messages</c>).</summary>
    public required IReadOnlyList<TrainingMessage> InputMessages { get; init; }

    /// <summary>Gets the tools offered in the input (<c>input.tools</c>), or <see langword="null"/>.</summary>
    public IReadOnlyList<ToolDefinition>? InputTools { get; init; }

    /// <summary>Gets the <c>input.parallel_tool_calls</c> flag, or <see langword="null"/>.</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Gets the preferred completion (<c>preferred_output</c>): usually one assistant message.</summary>
    public required IReadOnlyList<TrainingMessage> PreferredOutput { get; init; }

    /// <summary>Gets the non-preferred completion (<c>non_preferred_output</c>): usually one assistant message.</summary>
    public required IReadOnlyList<TrainingMessage> NonPreferredOutput { get; init; }

    /// <inheritdoc />
    public bool Equals(PreferenceExample? other) =>
        base.Equals(other)
        && Sequences.Equal(InputMessages, other.InputMessages)
        && Sequences.Equal(InputTools, other.InputTools)
        && ParallelToolCalls == other.ParallelToolCalls
        && Sequences.Equal(PreferredOutput, other.PreferredOutput)
        && Sequences.Equal(NonPreferredOutput, other.NonPreferredOutput);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), Sequences.Hash(InputMessages), Sequences.Hash(InputTools), ParallelToolCalls,
            Sequences.Hash(PreferredOutput), Sequences.Hash(NonPreferredOutput));
}
