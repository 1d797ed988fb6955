using System.Collections;
using System.Collections.Immutable;
using FineTuning.Toolkit.Datasets.Jsonl;
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

    /// <summary>
    /// Writes the dataset as JSONL to a file, atomically: the data goes to a temporary file in the same directory that then
    /// replaces <paramref name="path"/>, so a cancelled or failed write leaves any previous file intact and no partial file behind.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="includeMetadata"><see langword="true"/> to write each example's category and tags under the toolkit's
    /// <c>_toolkit_metadata</c> key (read back by <see cref="DatasetBuilder.AddJsonl(string)"/>); OpenAI ignores the key.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <remarks>One example per line, UTF-8 without byte order mark, <c>\n</c> line endings, non-ASCII text (emoji included)
    /// written as UTF-8 rather than escaped.</remarks>
    public Task WriteJsonlAsync(string path, bool includeMetadata = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return JsonlDatasetWriter.WriteFileAsync(_examples, path, includeMetadata, cancellationToken);
    }

    /// <summary>
    /// Writes the dataset as JSONL to a stream, which is left open — for example an upload's request body, hashed as it
    /// is written, so that no temporary file is needed.
    /// </summary>
    /// <param name="stream">The stream to write to.</param>
    /// <param name="includeMetadata"><see langword="true"/> to write each example's category and tags (see
    /// <see cref="WriteJsonlAsync(string, bool, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when everything is written and flushed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public Task WriteJsonlAsync(Stream stream, bool includeMetadata = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return JsonlDatasetWriter.WriteAsync(_examples, stream, includeMetadata, cancellationToken);
    }

    /// <summary>Writes the dataset as JSONL and returns the text (for small datasets, tests and previews).</summary>
    /// <param name="includeMetadata"><see langword="true"/> to write each example's category and tags.</param>
    /// <returns>The JSONL text, each line ending with <c>\n</c>.</returns>
    public string ToJsonl(bool includeMetadata = false) => JsonlDatasetWriter.ToJsonl(_examples, includeMetadata);

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
