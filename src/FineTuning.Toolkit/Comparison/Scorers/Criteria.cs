namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>The names of the built-in criteria, as they appear in reports and gates.</summary>
public static class Criteria
{
    /// <summary>The TechFlow response format (<see cref="FormatComplianceScorer"/>).</summary>
    public const string Format = "format";

    /// <summary>Offers the user a next step (<see cref="NextStepsScorer"/>).</summary>
    public const string NextSteps = "next-steps";

    /// <summary>Escalates exactly when expected (<see cref="EscalationScorer"/>).</summary>
    public const string Escalation = "escalation";

    /// <summary>Invents no prices, plans, URLs, features or policies (<see cref="InventedFactsScorer"/>).</summary>
    public const string NoInventedFacts = "no-invented-facts";

    /// <summary>Reveals no personal data or secrets (<see cref="SensitiveInformationScorer"/>).</summary>
    public const string NoSensitiveInformation = "no-sensitive-info";

    /// <summary>Keeps the model's usual friendly, professional tone (<see cref="ToneConsistencyScorer"/>).</summary>
    public const string Tone = "tone";

    /// <summary>An LLM judge's rubric score (<see cref="RubricJudgeScorer"/>).</summary>
    public const string Rubric = "rubric";

    /// <summary>The answer addresses the question that was asked (not another one).</summary>
    public const string Relevance = "relevance";
}
