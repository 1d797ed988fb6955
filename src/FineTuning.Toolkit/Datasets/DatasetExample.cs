using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// One example of a <see cref="Dataset"/>: a supervised <see cref="TrainingExample"/> or a preference (DPO) <see cref="PreferenceExample"/>.
/// </summary>
/// <remarks>
/// <see cref="Category"/> and <see cref="Tags"/> are toolkit metadata (coverage checks, stratified splits, reports);
/// they are not written to the JSONL sent for training unless the writer is asked to include them.
/// </remarks>
public abstract record DatasetExample
{
    private protected DatasetExample()
    {
    }

    /// <summary>
    /// Gets a comparer of training content: two examples are equal when they are written to the same JSONL (every
    /// message, tool and flag); category and tags are never compared. The default of <see cref="Dataset.Deduplicate"/>.
    /// </summary>
    public static IEqualityComparer<DatasetExample> ContentComparer => ExampleContentComparer.Exact;

    /// <summary>
    /// Gets a comparer like <see cref="ContentComparer"/> that compares text after lower-casing it (invariant culture)
    /// and collapsing runs of white space to one space and trimming: <c>"Reset  my Password\n"</c> and
    /// <c>"reset my password"</c> are equal.
    /// </summary>
    public static IEqualityComparer<DatasetExample> NormalizedContentComparer => ExampleContentComparer.Normalized;

    /// <summary>Gets the category of the example (for example <c>billing</c>), or <see langword="null"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Gets free-form tags of the example; empty when none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <inheritdoc />
    public virtual bool Equals(DatasetExample? other) =>
        other is not null
        && EqualityContract == other.EqualityContract
        && string.Equals(Category, other.Category, StringComparison.Ordinal)
        && Sequences.Equal(Tags, other.Tags);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EqualityContract, Category, Sequences.Hash(Tags));
}
