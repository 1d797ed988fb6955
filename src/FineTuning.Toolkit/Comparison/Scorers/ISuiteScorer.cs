namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>Scores all of one model's answers together, for criteria such as tone consistency across the suite.</summary>
internal interface ISuiteScorer
{
    /// <summary>Gets the criterion this scorer produces.</summary>
    string Criterion { get; }

    /// <summary>Scores every answer of one model; returns one score per context, in the same order.</summary>
    /// <param name="contexts">The model's answers.</param>
    /// <returns>The scores.</returns>
    IReadOnlyList<Score> ScoreSuite(IReadOnlyList<ScoringContext> contexts);
}
