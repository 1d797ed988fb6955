namespace FineTuning.Toolkit.Jobs;

/// <summary>Why a <c>[Range(typeof(TimeSpan), ...)]</c> on an options property is trim-safe.</summary>
internal static class TimeSpanRange
{
    /// <summary>The justification of the suppressed IL2026 on those attributes.</summary>
    public const string Justification =
        "TimeSpan's converter is built into the runtime and is never trimmed; the options are checked by a source-generated validator, not by reflection.";
}
