using Microsoft.Extensions.AI.Evaluation;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Carries a <see cref="TestCase"/> (and so its expectations) into a <see cref="ScorerEvaluator"/> (made by <see cref="TestCase.ToEvaluationContext"/>) through
/// <c>Microsoft.Extensions.AI.Evaluation</c>'s additional context.
/// </summary>
internal sealed class TestCaseEvaluationContext : EvaluationContext
{
    /// <summary>The context name.</summary>
    internal const string ContextName = "FineTuning.Toolkit test case";

    /// <summary>Initializes a new instance of the <see cref="TestCaseEvaluationContext"/> class.</summary>
    /// <param name="testCase">The case.</param>
    public TestCaseEvaluationContext(TestCase testCase)
        : base(ContextName, Describe(testCase))
    {
        TestCase = testCase;
    }

    /// <summary>Gets the case.</summary>
    public TestCase TestCase { get; }

    private static string Describe(TestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var e = testCase.Expectations;
        return $"case {testCase.Id}; category {testCase.Category ?? "-"}; should escalate {e.ShouldEscalate?.ToString() ?? "-"}; must not invent: {string.Join(", ", e.MustNotInvent)}";
    }
}
