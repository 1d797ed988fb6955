namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>The result of scoring one answer on one criterion.</summary>
public sealed class Score
{
    /// <summary>Initializes a new instance of the <see cref="Score"/> class.</summary>
    /// <param name="criterion">The criterion name (see <see cref="Criteria"/>).</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="reason">A short human-readable reason.</param>
    /// <param name="label">An optional machine-readable label, such as <c>over-escalation</c>.</param>
    /// <param name="value">An optional numeric value, such as a rubric score.</param>
    public Score(string criterion, ScoreOutcome outcome, string reason, string? label = null, double? value = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        ArgumentNullException.ThrowIfNull(reason);
        Criterion = criterion;
        Outcome = outcome;
        Reason = reason;
        Label = label;
        Value = value;
    }

    /// <summary>Gets the criterion.</summary>
    public string Criterion { get; }

    /// <summary>Gets the outcome.</summary>
    public ScoreOutcome Outcome { get; }

    /// <summary>Gets the reason.</summary>
    public string Reason { get; }

    /// <summary>Gets the machine-readable label, or <see langword="null"/>.</summary>
    public string? Label { get; }

    /// <summary>Gets the numeric value, or <see langword="null"/>.</summary>
    public double? Value { get; }

    /// <summary>Gets whether the outcome is <see cref="ScoreOutcome.Pass"/>.</summary>
    public bool Passed => Outcome == ScoreOutcome.Pass;

    /// <summary>Creates a passing score.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The score.</returns>
    public static Score Pass(string criterion, string reason) => new(criterion, ScoreOutcome.Pass, reason);

    /// <summary>Creates a failing score.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="label">An optional label.</param>
    /// <returns>The score.</returns>
    public static Score Fail(string criterion, string reason, string? label = null) => new(criterion, ScoreOutcome.Fail, reason, label);

    /// <summary>Creates a score for a criterion that does not apply.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The score.</returns>
    public static Score NotApplicable(string criterion, string reason) => new(criterion, ScoreOutcome.NotApplicable, reason);

    /// <summary>Creates an error score.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The score.</returns>
    public static Score Error(string criterion, string reason) => new(criterion, ScoreOutcome.Error, reason, "error");

    /// <inheritdoc/>
    public override string ToString() => $"{Criterion}: {Outcome} ({Reason})";
}
