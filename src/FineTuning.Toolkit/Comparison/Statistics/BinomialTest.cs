namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// Exact paired tests on discordant counts: McNemar's exact test (binomial on the pairs where exactly one model passed)
/// and the sign test (binomial on wins versus losses, ties dropped). Both are the two-sided exact binomial test with p = ½.
/// </summary>
internal static class BinomialTest
{
    /// <summary>The two-sided exact binomial p-value of observing a split as uneven as <paramref name="first"/> vs <paramref name="second"/> under p = ½.</summary>
    /// <param name="first">Pairs where only the first model passed (or wins).</param>
    /// <param name="second">Pairs where only the second model passed (or losses).</param>
    /// <returns>The p-value in (0, 1]; 1 when there are no discordant pairs.</returns>
    public static double TwoSidedPValue(int first, int second)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(second);
        var n = first + second;
        if (n == 0)
        {
            return 1;
        }

        var k = Math.Min(first, second);
        var logHalfN = -n * Math.Log(2);
        var logChoose = 0.0;
        var tail = 0.0;
        for (var i = 0; i <= k; i++)
        {
            if (i > 0)
            {
                logChoose += Math.Log(n - i + 1) - Math.Log(i);
            }

            tail += Math.Exp(logChoose + logHalfN);
        }

        return Math.Min(1, 2 * tail);
    }

    /// <summary>McNemar's exact test.</summary>
    /// <param name="onlyFirstPassed">Pairs where only the first model passed.</param>
    /// <param name="onlySecondPassed">Pairs where only the second model passed.</param>
    /// <returns>The two-sided p-value.</returns>
    public static double McNemarExact(int onlyFirstPassed, int onlySecondPassed) => TwoSidedPValue(onlyFirstPassed, onlySecondPassed);

    /// <summary>The sign test on wins and losses (ties are not counted).</summary>
    /// <param name="wins">Wins of the first model.</param>
    /// <param name="losses">Wins of the second model.</param>
    /// <returns>The two-sided p-value.</returns>
    public static double SignTest(int wins, int losses) => TwoSidedPValue(wins, losses);
}
