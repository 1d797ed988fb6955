using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class ScorerEvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_FormatScorer_ReturnsBooleanMetric()
    {
        IEvaluator evaluator = new FormatComplianceScorer().AsEvaluator();

        var result = await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, "How do I reset my password?")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, TechFlowAnswers.Formatted)));

        var metric = result.Get<BooleanMetric>(Criteria.Format);
        Assert.True(metric.Value);
        Assert.False(metric.Interpretation!.Failed);
        Assert.Equal([Criteria.Format], evaluator.EvaluationMetricNames);
    }

    [Fact]
    public async Task EvaluateAsync_ExpectationsFromContext_UsedForEscalation()
    {
        var testCase = TestCase.FromPrompt("down", "Your service is down!", expectations: new TestExpectations { ShouldEscalate = true });

        var result = await new ScorerEvaluator(new EscalationScorer()).EvaluateAsync(
            testCase.Messages,
            new ChatResponse(new ChatMessage(ChatRole.Assistant, TechFlowAnswers.Formatted)),
            additionalContext: [testCase.ToEvaluationContext()]);

        var metric = result.Get<BooleanMetric>(Criteria.Escalation);
        Assert.False(metric.Value);
        Assert.True(metric.Interpretation!.Failed);
    }

    [Fact]
    public async Task EvaluateAsync_JudgeError_NoValueWithErrorDiagnostic()
    {
        var judge = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "nope"))) };

        var result = await new RubricJudgeScorer(judge).AsEvaluator().EvaluateAsync(
            [new ChatMessage(ChatRole.User, "hi")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "hello")));

        var metric = result.Get<BooleanMetric>(Criteria.Rubric);
        Assert.Null(metric.Value);
        Assert.True(metric.Interpretation!.Failed);
        Assert.Contains(metric.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error);
    }

    [Fact]
    public void Constructor_NullScorer_Throws()
    {
        Assert.Throws<ArgumentNullException>("scorer", () => new ScorerEvaluator(null!));
        Assert.Throws<ArgumentNullException>("scorer", () => Scorer.AsEvaluator(null!));
    }
}
