using System.Diagnostics.CodeAnalysis;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>The result of reading one line of a JSONL file: an <see cref="Example"/> or an <see cref="Error"/>.</summary>
internal sealed class JsonlRecord
{
    private JsonlRecord(int lineNumber, long byteOffset, DatasetExample? example, JsonlError? error)
    {
        LineNumber = lineNumber;
        ByteOffset = byteOffset;
        Example = example;
        Error = error;
    }

    /// <summary>Gets the 1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>Gets the byte offset of the line from the start of the file.</summary>
    public long ByteOffset { get; }

    /// <summary>Gets the example read from the line, or <see langword="null"/> when the line is in error.</summary>
    public DatasetExample? Example { get; }

    /// <summary>Gets why the line could not be read, or <see langword="null"/> when it was.</summary>
    public JsonlError? Error { get; }

    /// <summary>Gets a value indicating whether the line was read as an example.</summary>
    [MemberNotNullWhen(true, nameof(Example))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Creates a record for a line read successfully.</summary>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="byteOffset">The byte offset of the line.</param>
    /// <param name="example">The example read.</param>
    /// <returns>The record.</returns>
    public static JsonlRecord Success(int lineNumber, long byteOffset, DatasetExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return new(lineNumber, byteOffset, example, null);
    }

    /// <summary>Creates a record for a line in error.</summary>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="byteOffset">The byte offset of the line.</param>
    /// <param name="error">The error.</param>
    /// <returns>The record.</returns>
    public static JsonlRecord Failure(int lineNumber, long byteOffset, JsonlError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(lineNumber, byteOffset, null, error);
    }

    /// <inheritdoc />
    public override string ToString() => IsSuccess
        ? $"Line {LineNumber}: {Example.GetType().Name}"
        : $"Line {LineNumber}: {Error.Code}: {Error.Message}";
}
