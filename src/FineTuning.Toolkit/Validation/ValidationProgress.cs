namespace FineTuning.Toolkit.Validation;

/// <summary>How far a validation has come, reported through <see cref="ValidationOptions.Progress"/>.</summary>
/// <param name="BytesRead">The bytes of input validated so far (for a <see cref="Datasets.Dataset"/>, the bytes of its examples
/// written as JSONL lines, each with its line feed); for a training and a validation input, both together.</param>
/// <param name="TotalBytes">The total bytes of input when known (the length of the file or files), or <see langword="null"/> when
/// it is not (a <see cref="Datasets.Dataset"/>).</param>
/// <param name="ExamplesValidated">The examples (non-blank lines) validated so far.</param>
/// <param name="Elapsed">The time since the validation started, measured with the validator's <see cref="TimeProvider"/>.</param>
public sealed record ValidationProgress(long BytesRead, long? TotalBytes, int ExamplesValidated, TimeSpan Elapsed)
{
    /// <summary>Gets the fraction of the input validated so far.</summary>
    /// <value>Between 0 and 1, or <see langword="null"/> when <see cref="TotalBytes"/> is not known; 1 for an empty file
    /// once it has been read.</value>
    public double? Fraction => TotalBytes switch
    {
        null => null,
        <= 0 => 1d,
        { } total => Math.Clamp((double)BytesRead / total, 0d, 1d),
    };
}
