namespace FineTuning.Toolkit.Comparison;

/// <summary>The combined outcome of a pairwise judge asked in both orders (the JSON report's and the journal's <c>outcome</c>).</summary>
internal enum PairwiseOutcome
{
    /// <summary>The judge preferred neither, or changed its mind when the order was swapped (a flip counts as a tie).</summary>
    Tie = 0,

    /// <summary>The judge preferred model A in both orders.</summary>
    ModelAWins = 1,

    /// <summary>The judge preferred model B in both orders.</summary>
    ModelBWins = 2,

    /// <summary>The judge failed or answered unparseably in either order; counted against the error budget.</summary>
    Error = 3,
}
