namespace FineTuning.Toolkit.Validation;

/// <summary>Totals known at the end of a validation run, for the dataset-wide checks.</summary>
/// <param name="ExampleCount">The examples read (non-blank lines).</param>
/// <param name="Options">The options.</param>
/// <param name="FileLabel">The file name followed by ", ", or empty for a dataset.</param>
/// <param name="FilePath">The file, or <see langword="null"/>.</param>
/// <param name="CountUnlisted">Counts issues of a code that a check found but could not afford to remember one by one.</param>
internal sealed record DatasetState(int ExampleCount, ValidationOptions Options, string FileLabel, string? FilePath, Action<string, ValidationSeverity, int> CountUnlisted);
