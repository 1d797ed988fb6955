using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class PairwiseJudgeTests
{
    private static readonly TestCase Case = TestCase.FromPrompt("reset", "How do I reset my password?");

    private static CaseResult A(string response) => new("base", Case.Id, 0, response, []);

    private static CaseResult B(string response) => new("fine-tuned", Case.Id, 0, response, []);

    /// <summary>A judge that prefers the answer containing a marker, wherever it is shown.</summary>
    private static TestChatClient PrefersContent(string marker) => new()
    {
        GetResponseAsyncCallback = (messages, _, _) =>
        {
            var prompt = messages[^1].Text;
            var first = prompt.IndexOf("BEGIN ANSWER_1", StringComparison.Ordinal);
            var second = prompt.IndexOf("BEGIN ANSWER_2", StringComparison.Ordinal);
            var markerAt = prompt.IndexOf(marker, first, StringComparison.Ordinal);
            var winner = markerAt > first && markerAt < second ? "1" : "2";
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"{{\"winner\": \"{winner}\", \"reason\": \"has {marker}\"}}")));
        },
    };

    /// <summary>A judge with position bias: always prefers whatever is shown first.</summary>
    private static TestChatClient AlwaysFirst() => new()
    {
        GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"winner\": \"1\", \"reason\": \"first\"}"))),
    };

    [Fact]
    public async Task JudgeAsync_ConsistentPreferenceInBothOrders_DeclaresWinner()
    {
        var judge = PrefersContent("🔐");

        var verdict = await new PairwiseJudge(judge).JudgeAsync(Case, A(TechFlowAnswers.Plain), B(TechFlowAnswers.Formatted));

        Assert.Equal("fine-tuned", verdict.Winner);
        Assert.False(verdict.IsTie);
        Assert.False(verdict.IsError);
        Assert.Equal(("reset", "base", "fine-tuned"), (verdict.CaseId, verdict.ModelA, verdict.ModelB));
        Assert.Equal("B", verdict.FirstOrder);
        Assert.Equal("B", verdict.SecondOrder);
        Assert.Equal(2, judge.Calls);
    }

    [Fact]
    public async Task JudgeAsync_FlipBetweenOrders_CountsAsTie()
    {
        var judge = AlwaysFirst();

        var verdict = await new PairwiseJudge(judge).JudgeAsync(Case, A(TechFlowAnswers.Plain), B(TechFlowAnswers.Formatted));

        Assert.True(verdict.IsTie);
        Assert.Null(verdict.Winner);
        Assert.Equal("A", verdict.FirstOrder);
        Assert.Equal("B", verdict.SecondOrder);
        Assert.Contains("inconsistent", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(2, judge.Calls);
    }

    [Fact]
    public async Task JudgeAsync_AnswersShownInBothOrders()
    {
        var judge = AlwaysFirst();

        await new PairwiseJudge(judge).JudgeAsync(Case, A("ALPHA answer"), B("BETA answer"));

        var first = judge.Requests[0].Messages[^1].Text;
        var second = judge.Requests[1].Messages[^1].Text;
        Assert.True(first.IndexOf("ALPHA", StringComparison.Ordinal) < first.IndexOf("BETA", StringComparison.Ordinal));
        Assert.True(second.IndexOf("BETA", StringComparison.Ordinal) < second.IndexOf("ALPHA", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no json here")]
    [InlineData("{\"winner\": \"3\"}")]
    public async Task JudgeAsync_UnparseableAnswer_IsError(string answer)
    {
        var judge = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))) };

        var verdict = await new PairwiseJudge(judge).JudgeAsync(Case, A("a"), B("b"));

        Assert.True(verdict.IsError);
        Assert.Null(verdict.Winner);
    }

    [Fact]
    public async Task JudgeAsync_SecondOrderThrows_IsErrorNotWin()
    {
        var calls = 0;
        var judge = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Interlocked.Increment(ref calls) == 1
                ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"winner\": \"1\"}")))
                : throw new TimeoutException("judge timed out"),
        };

        var verdict = await new PairwiseJudge(judge).JudgeAsync(Case, A("a"), B("b"));

        Assert.True(verdict.IsError);
        Assert.Null(verdict.Winner);
        Assert.Contains("judge timed out", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_FailedModelCall_IsErrorWithoutAskingTheJudge()
    {
        var judge = AlwaysFirst();

        var verdict = await new PairwiseJudge(judge).JudgeAsync(Case, A("a"), new CaseResult("fine-tuned", Case.Id, 0, string.Empty, []) { Error = "timeout" });

        Assert.True(verdict.IsError);
        Assert.Contains("timeout", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(0, judge.Calls);
    }

    [Fact]
    public async Task JudgeAsync_NullArguments_Throw()
    {
        var judge = new PairwiseJudge(AlwaysFirst());

        await Assert.ThrowsAsync<ArgumentNullException>("testCase", () => judge.JudgeAsync(null!, A("a"), B("b")));
        await Assert.ThrowsAsync<ArgumentNullException>("answerA", () => judge.JudgeAsync(Case, null!, B("b")));
        await Assert.ThrowsAsync<ArgumentNullException>("answerB", () => judge.JudgeAsync(Case, A("a"), null!));
    }
}
