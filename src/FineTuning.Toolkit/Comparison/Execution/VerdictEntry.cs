namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>One pairwise verdict as JSON: a line of the results journal and an element of the JSON report's <c>pairwise</c>.</summary>
internal sealed class VerdictEntry
{
    public string? Type { get; set; }

    public string? Key { get; set; }

    public required string Case { get; set; }

    public int Repeat { get; set; }

    public required string ModelA { get; set; }

    public required string ModelB { get; set; }

    public PairwiseOutcome Outcome { get; set; }

    public required string Reason { get; set; }

    public string? FirstOrder { get; set; }

    public string? SecondOrder { get; set; }

    public static VerdictEntry From(PairwiseResult result, string? type = null, string? key = null) => new()
    {
        Type = type,
        Key = key,
        Case = result.CaseId,
        Repeat = result.Repeat,
        ModelA = result.ModelA,
        ModelB = result.ModelB,
        Outcome = result.Outcome,
        Reason = result.Reason,
        FirstOrder = result.FirstOrder,
        SecondOrder = result.SecondOrder,
    };
}
