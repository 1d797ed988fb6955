namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// Pairwise-judge results of model A against model B over independent cases (a case's repeats vote: more wins than
/// losses is a won case), with ties, and the sign test on won versus lost cases.
/// </summary>
/// <param name="ModelA">Model A.</param>
/// <param name="ModelB">Model B.</param>
/// <param name="Wins">Cases A won (in both orders, on most repeats).</param>
/// <param name="Losses">Cases B won.</param>
/// <param name="Ties">Tied cases, including flips between orders.</param>
/// <param name="Errors">Cases on which every verdict errored (not counted in the rate; errored verdicts count against the error budget).</param>
/// <param name="PValue">The two-sided sign-test p-value.</param>
internal sealed record WinRate(string ModelA, string ModelB, int Wins, int Losses, int Ties, int Errors, double PValue)
{
    /// <summary>Gets A's win rate counting a tie as half a win: (wins + ties / 2) / (wins + losses + ties).</summary>
    public double Rate => Wins + Losses + Ties == 0 ? 0.5 : (Wins + (Ties / 2.0)) / (Wins + Losses + Ties);
}
