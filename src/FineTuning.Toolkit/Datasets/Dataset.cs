using System.Collections;
using System.Collections.Immutable;
using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Datasets;

/// <summary>An immutable, ordered collection of training examples. Two datasets are equal when their examples are equal, in order.</summary>
/// <remarks>Create one with <c>DatasetBuilder</c> or <see cref="Create(IEnumerable{DatasetExample})"/>.</remarks>
public sealed partial class Dataset : IReadOnlyList<DatasetExample>, IEquatable<Dataset>
{
    private readonly ImmutableArray<DatasetExample> _examples;

    private Dataset(ImmutableArray<DatasetExample> examples)
    {
        _examples = examples;
    }

    /// <summary>Gets an empty dataset.</summary>
    public static Dataset Empty { get; } = new([]);

    /// <summary>Gets the examples, in order.</summary>
    public IReadOnlyList<DatasetExample> Examples => _examples;

    /// <inheritdoc />
    public int Count => _examples.Length;

    /// <inheritdoc />
    public DatasetExample this[int index] => _examples[index];

    /// <summary>Creates a dataset holding the given examples, in order.</summary>
    /// <param name="examples">The examples.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="examples"/> or one of its items is <see langword="null"/>.</exception>
    public static Dataset Create(IEnumerable<DatasetExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var array = examples.ToImmutableArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i] is null)
            {
                throw new ArgumentNullException(nameof(examples), $"Example {i} is null.");
            }
        }

        return array.IsEmpty ? Empty : new Dataset(array);
    }

    /// <inheritdoc />
    public IEnumerator<DatasetExample> GetEnumerator() => ((IEnumerable<DatasetExample>)_examples).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Dataset? other) => other is not null && Sequences.Equal<DatasetExample>(_examples, other._examples);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Dataset);

    /// <inheritdoc />
    public override int GetHashCode() => Sequences.Hash<DatasetExample>(_examples);

    /// <inheritdoc />
    public override string ToString() => $"Dataset ({Count} examples)";
}
