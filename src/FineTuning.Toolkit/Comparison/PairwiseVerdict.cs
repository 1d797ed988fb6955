namespace FineTuning.Toolkit.Comparison;

/// <summary>The combined verdict of a pairwise judge asked in both orders.</summary>
public sealed class PairwiseVerdict
{
    /// <summary>Initializes a new instance of the <see cref="PairwiseVerdict"/> class.</summary>
    /// <param name="outcome">The combined outcome.</param>
    /// <param name="reason">Why.</param>
    /// <param name="firstOrder">What the judge preferred with A shown first: <c>A</c>, <c>B</c>, <c>tie</c>, or <see langword="null"/> on error.</param>
    /// <param name="secondOrder">What the judge preferred with B shown first, mapped back to A/B, or <see langword="null"/> on error.</param>
    public PairwiseVerdict(PairwiseOutcome outcome, string reason, string? firstOrder, string? secondOrder)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Outcome = outcome;
        Reason = reason;
        FirstOrder = firstOrder;
        SecondOrder = secondOrder;
    }

    /// <summary>Gets the combined outcome.</summary>
    public PairwiseOutcome Outcome { get; }

    /// <summary>Gets the reason.</summary>
    public string Reason { get; }

    /// <summary>Gets the preference with A shown first.</summary>
    public string? FirstOrder { get; }

    /// <summary>Gets the preference with B shown first (mapped back to A/B).</summary>
    public string? SecondOrder { get; }
}
