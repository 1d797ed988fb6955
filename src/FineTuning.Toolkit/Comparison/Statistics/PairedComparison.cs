namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// A paired comparison of two models on one criterion over the same cases, with McNemar's exact test on the discordant
/// cases. Each case is one pair: a model's repeats of a case count as their pass share, and the case is discordant when
/// one model's share is higher.
/// </summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="ModelA">The first model (the baseline).</param>
/// <param name="ModelB">The second model (the candidate).</param>
/// <param name="BothPassed">Cases both passed.</param>
/// <param name="OnlyAPassed">Cases only A passed (or A passed more repeats of).</param>
/// <param name="OnlyBPassed">Cases only B passed (or B passed more repeats of).</param>
/// <param name="NeitherPassed">Cases neither passed.</param>
/// <param name="PValue">The two-sided exact p-value.</param>
public sealed record PairedComparison(string Criterion, string ModelA, string ModelB, int BothPassed, int OnlyAPassed, int OnlyBPassed, int NeitherPassed, double PValue)
{
    /// <summary>Gets the number of paired cases.</summary>
    public int Pairs => BothPassed + OnlyAPassed + OnlyBPassed + NeitherPassed;

    /// <summary>Gets the better model by discordant pairs, or <see langword="null"/> when they are even.</summary>
    public string? Better => OnlyAPassed == OnlyBPassed ? null : OnlyAPassed > OnlyBPassed ? ModelA : ModelB;

    /// <summary>Returns whether the difference is significant at a level.</summary>
    /// <param name="alpha">The significance level, for example 0.05.</param>
    /// <returns><see langword="true"/> when <see cref="PValue"/> is below <paramref name="alpha"/>.</returns>
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}
