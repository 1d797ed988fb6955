namespace FineTuning.Toolkit.Comparison;

/// <summary>Progress of a comparison, reported after each answer and each pairwise verdict.</summary>
public sealed class ComparisonProgress
{
    /// <summary>Gets the completed work items (answers plus pairwise verdicts).</summary>
    public int Completed { get; init; }

    /// <summary>Gets the total work items.</summary>
    public int Total { get; init; }

    /// <summary>Gets the model calls made so far.</summary>
    public int ModelCalls { get; init; }

    /// <summary>Gets the answers served from the disk cache so far.</summary>
    public int CacheHits { get; init; }

    /// <summary>Gets the results taken over from the results file of an interrupted run.</summary>
    public int Resumed { get; init; }

    /// <summary>Gets the judge calls made so far.</summary>
    public int JudgeCalls { get; init; }

    /// <summary>Gets the model of the last completed item.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the case of the last completed item.</summary>
    public string? CaseId { get; init; }

    /// <summary>Gets the completed fraction between 0 and 1.</summary>
    public double Fraction => Total == 0 ? 1 : (double)Completed / Total;
}
