namespace FineTuning.Toolkit.Validation;

/// <summary>One problem found in a dataset, with where it is.</summary>
/// <param name="Code">The stable snake_case code (see <see cref="ValidationIssueCodes"/>).</param>
/// <param name="Severity">Whether it is an error or a warning.</param>
/// <param name="Message">A readable explanation that names the file (when any), line, example and field.</param>
public sealed record ValidationIssue(string Code, ValidationSeverity Severity, string Message)
{
    /// <summary>Gets the 1-based line of the JSONL file (for a <c>Dataset</c>, the example index + 1), or <see langword="null"/> for dataset-wide issues.</summary>
    public int? Line { get; init; }

    /// <summary>Gets the 0-based index of the example, or <see langword="null"/> for dataset-wide issues.</summary>
    public int? ExampleIndex { get; init; }

    /// <summary>Gets the 0-based index of the message within the example, or <see langword="null"/>.</summary>
    public int? MessageIndex { get; init; }

    /// <summary>Gets the JSON field concerned (for example <c>messages[2].content</c>), or <see langword="null"/>.</summary>
    public string? Field { get; init; }

    /// <summary>Gets the file the issue is in, or <see langword="null"/> when a <c>Dataset</c> was validated.</summary>
    public string? FilePath { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line is { } line ? $"line {line}: " : string.Empty;
        return $"{Severity.ToString().ToLowerInvariant()} {Code}: {where}{Message}";
    }
}
