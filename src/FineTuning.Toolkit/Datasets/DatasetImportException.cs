namespace FineTuning.Toolkit.Datasets;

/// <summary>Thrown by <see cref="DatasetBuilder"/> when a file cannot be imported; names the file and the line.</summary>
public sealed class DatasetImportException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DatasetImportException"/> class.</summary>
    public DatasetImportException()
        : this("The dataset could not be imported.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetImportException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DatasetImportException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetImportException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetImportException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetImportException"/> class.</summary>
    /// <param name="filePath">The file being imported.</param>
    /// <param name="lineNumber">The 1-based line at fault, or 0 when the whole file is.</param>
    /// <param name="code">A stable error code (for example <c>invalid_json</c>, <c>missing_field</c>, <c>invalid_type</c> or a CSV code such as <c>csv_empty_cell</c>), or <see langword="null"/>.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="field">The field or column at fault, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public DatasetImportException(string filePath, int lineNumber, string? code, string detail, string? field = null, Exception? innerException = null)
        : base(lineNumber > 0 ? $"{filePath}({lineNumber}): {detail}" : $"{filePath}: {detail}", innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Code = code;
        Field = field;
    }

    /// <summary>Gets the path of the file being imported.</summary>
    public string FilePath { get; }

    /// <summary>Gets the 1-based line at fault, or 0 when the whole file is.</summary>
    public int LineNumber { get; }

    /// <summary>Gets the error code, or <see langword="null"/>.</summary>
    public string? Code { get; }

    /// <summary>Gets the field or column at fault, or <see langword="null"/>.</summary>
    public string? Field { get; }
}
