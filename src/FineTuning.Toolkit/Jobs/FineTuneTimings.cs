namespace FineTuning.Toolkit.Jobs;

/// <summary>How long each stage of a run took (measured on the runner's <see cref="TimeProvider"/>).</summary>
public sealed class FineTuneTimings
{
    /// <summary>Gets the local validation time.</summary>
    public TimeSpan Validation { get; init; }

    /// <summary>Gets the upload time (including finding an identical earlier upload).</summary>
    public TimeSpan Upload { get; init; }

    /// <summary>Gets the time spent waiting for the uploaded files to be processed.</summary>
    public TimeSpan FileProcessing { get; init; }

    /// <summary>Gets the time from job creation until the job ended.</summary>
    public TimeSpan Job { get; init; }

    /// <summary>Gets the whole run.</summary>
    public TimeSpan Total { get; init; }
}
