namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>The evaluation of one success gate for one model.</summary>
/// <param name="Gate">The gate's name.</param>
/// <param name="Model">The model.</param>
/// <param name="Passed">Whether the gate passed.</param>
/// <param name="Reason">Why, with the figures (rates with the number of independent cases).</param>
public sealed record GateResult(string Gate, string Model, bool Passed, string Reason)
{
    /// <summary>Gets the independent cases the gate was evaluated on.</summary>
    public int Cases { get; init; }

    /// <summary>
    /// Gets how many independent cases the gate needs to be able to pass at the observed rate (for a lower-bound gate,
    /// the fewest cases whose interval clears the bar), or <see langword="null"/> when the gate does not depend on the
    /// number of cases or no number of cases would do.
    /// </summary>
    public int? CasesNeeded { get; init; }
}
