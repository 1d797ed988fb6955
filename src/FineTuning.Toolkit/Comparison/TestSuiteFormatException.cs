namespace FineTuning.Toolkit.Comparison;

/// <summary>A test suite file (JSON or JSONL) could not be read; the message names the file, line, case and field.</summary>
public sealed class TestSuiteFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="TestSuiteFormatException"/> class.</summary>
    public TestSuiteFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TestSuiteFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TestSuiteFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TestSuiteFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TestSuiteFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TestSuiteFormatException"/> class.</summary>
    /// <param name="source">The file name or other source description.</param>
    /// <param name="line">The 1-based line, or <see langword="null"/>.</param>
    /// <param name="caseId">The case, or <see langword="null"/>.</param>
    /// <param name="field">The field, or <see langword="null"/>.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public TestSuiteFormatException(string source, long? line, string? caseId, string? field, string detail, Exception? innerException = null)
        : base(Describe(source, line, caseId, field, detail), innerException)
    {
        Source = source;
        Line = line;
        CaseId = caseId;
        Field = field;
    }

    /// <summary>Gets the 1-based line, when known.</summary>
    public long? Line { get; }

    /// <summary>Gets the case identifier, when known.</summary>
    public string? CaseId { get; }

    /// <summary>Gets the field, when known.</summary>
    public string? Field { get; }

    private static string Describe(string source, long? line, string? caseId, string? field, string detail)
    {
        var where = source;
        if (line is not null)
        {
            where += $", line {line}";
        }

        if (caseId is not null)
        {
            where += $", case '{caseId}'";
        }

        if (field is not null)
        {
            where += $", field '{field}'";
        }

        return $"{where}: {detail}";
    }
}
