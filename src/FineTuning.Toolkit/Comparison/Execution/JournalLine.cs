namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>The part of a journal line read first, to tell an answer from a verdict.</summary>
internal sealed class JournalLine
{
    public string? Type { get; set; }

    public string? Key { get; set; }
}
