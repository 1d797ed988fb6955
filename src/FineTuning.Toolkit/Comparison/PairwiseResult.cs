namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// A pairwise judge's verdict on two models' answers to one case, asked in both orders: a winner only when both orders
/// agree; a flip (position bias) or a tie in either order is a tie; a failed or unreadable judgement is an error,
/// counted against the error budget.
/// </summary>
public sealed class PairwiseResult
{
    internal PairwiseResult(string caseId, int repeat, string modelA, string modelB, PairwiseOutcome outcome, string reason, string? firstOrder, string? secondOrder)
    {
        CaseId = caseId;
        Repeat = repeat;
        ModelA = modelA;
        ModelB = modelB;
        Outcome = outcome;
        Reason = reason;
        FirstOrder = firstOrder;
        SecondOrder = secondOrder;
    }

    /// <summary>Gets the case.</summary>
    public string CaseId { get; }

    /// <summary>Gets the repeat index.</summary>
    public int Repeat { get; }

    /// <summary>Gets the first model.</summary>
    public string ModelA { get; }

    /// <summary>Gets the second model.</summary>
    public string ModelB { get; }

    /// <summary>
    /// Gets the model the judge preferred in both orders (<see cref="ModelA"/> or <see cref="ModelB"/>), or
    /// <see langword="null"/> for a tie or an error.
    /// </summary>
    public string? Winner => Outcome switch
    {
        PairwiseOutcome.ModelAWins => ModelA,
        PairwiseOutcome.ModelBWins => ModelB,
        _ => null,
    };

    /// <summary>Gets a value indicating whether the judge preferred neither answer, or changed its mind when the order was swapped.</summary>
    public bool IsTie => Outcome == PairwiseOutcome.Tie;

    /// <summary>Gets a value indicating whether a model call or the judge failed, or the judge answered unreadably; counted against the error budget.</summary>
    public bool IsError => Outcome == PairwiseOutcome.Error;

    /// <summary>Gets why.</summary>
    public string Reason { get; }

    /// <summary>Gets what the judge preferred with A shown first: <c>A</c>, <c>B</c>, <c>tie</c>, or <see langword="null"/> on error.</summary>
    public string? FirstOrder { get; }

    /// <summary>Gets what the judge preferred with B shown first, mapped back to <c>A</c>/<c>B</c>, or <see langword="null"/> on error.</summary>
    public string? SecondOrder { get; }

    internal PairwiseOutcome Outcome { get; }
}
