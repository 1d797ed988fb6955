namespace FineTuning.Toolkit.Comparison;

/// <summary>A pairwise judge's verdict on two models' answers to one case.</summary>
public sealed class PairwiseResult
{
    /// <summary>Initializes a new instance of the <see cref="PairwiseResult"/> class.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="repeat">The repeat index.</param>
    /// <param name="modelA">The first model.</param>
    /// <param name="modelB">The second model.</param>
    /// <param name="verdict">The verdict.</param>
    public PairwiseResult(string caseId, int repeat, string modelA, string modelB, PairwiseVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        ArgumentNullException.ThrowIfNull(modelA);
        ArgumentNullException.ThrowIfNull(modelB);
        ArgumentNullException.ThrowIfNull(verdict);
        CaseId = caseId;
        Repeat = repeat;
        ModelA = modelA;
        ModelB = modelB;
        Verdict = verdict;
    }

    /// <summary>Gets the case.</summary>
    public string CaseId { get; }

    /// <summary>Gets the repeat index.</summary>
    public int Repeat { get; }

    /// <summary>Gets the first model.</summary>
    public string ModelA { get; }

    /// <summary>Gets the second model.</summary>
    public string ModelB { get; }

    /// <summary>Gets the verdict.</summary>
    public PairwiseVerdict Verdict { get; }
}
