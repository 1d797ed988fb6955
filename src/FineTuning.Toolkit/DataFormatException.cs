using System.Globalization;
using System.Text;

namespace FineTuning.Toolkit;

/// <summary>
/// A data file the toolkit reads — a dataset (JSONL or CSV) or a test suite (JSON or JSONL) — is not in the expected
/// format. The message and the properties name the file, the line, the test case and the field at fault.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    public DataFormatException()
        : this("The data is not in the expected format.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DataFormatException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DataFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="filePath">The file being read, or another description of the source.</param>
    /// <param name="lineNumber">The 1-based line at fault, or 0 when the whole file is (or the line is unknown).</param>
    /// <param name="code">A stable error code (for example <c>invalid_json</c>, <c>missing_field</c>, <c>invalid_type</c> or a CSV code such as <c>csv_empty_cell</c>), or <see langword="null"/>.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="field">The field or column at fault, or <see langword="null"/>.</param>
    /// <param name="caseId">The test case at fault, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public DataFormatException(string filePath, long lineNumber, string? code, string detail, string? field = null, string? caseId = null, Exception? innerException = null)
        : base(Describe(filePath, lineNumber, field, caseId, detail), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Code = code;
        Field = field;
        CaseId = caseId;
    }

    /// <summary>Gets the path of the file being read (or another description of the source).</summary>
    public string FilePath { get; }

    /// <summary>Gets the 1-based line at fault, or 0 when the whole file is (or the line is unknown).</summary>
    public long LineNumber { get; }

    /// <summary>Gets the error code, or <see langword="null"/>.</summary>
    public string? Code { get; }

    /// <summary>Gets the field or column at fault, or <see langword="null"/>.</summary>
    public string? Field { get; }

    /// <summary>Gets the test case at fault, or <see langword="null"/>.</summary>
    public string? CaseId { get; }

    private static string Describe(string? filePath, long lineNumber, string? field, string? caseId, string? detail)
    {
        var where = new StringBuilder(filePath);
        if (lineNumber > 0)
        {
            where.Append('(').Append(lineNumber.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        if (caseId is not null)
        {
            where.Append(", case '").Append(caseId).Append('\'');
        }

        if (field is not null)
        {
            where.Append(", field '").Append(field).Append('\'');
        }

        return where.Append(": ").Append(detail).ToString();
    }
}
