namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>The outcome of scoring one answer on one criterion.</summary>
public enum ScoreOutcome
{
    /// <summary>The criterion does not apply to this case (for example no escalation expectation); not counted.</summary>
    NotApplicable = 0,

    /// <summary>The answer meets the criterion.</summary>
    Pass = 1,

    /// <summary>The answer does not meet the criterion.</summary>
    Fail = 2,

    /// <summary>
    /// The criterion could not be evaluated (the model call failed, or a judge errored or answered unparseably).
    /// Counted as not passing and against the error budget — never a silent pass.
    /// </summary>
    Error = 3,
}
