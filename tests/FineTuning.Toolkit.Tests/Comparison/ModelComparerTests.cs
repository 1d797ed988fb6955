using System.ClientModel;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Comparison;

public class ModelComparerTests
{
    [Fact]
    public async Task CompareAsync_SendsSamePromptsOptionsAndSystemPromptToEachModel()
    {
        var a = ComparisonFixtures.Base();
        var b = ComparisonFixtures.FineTuned();
        var comparer = new ModelComparer(ComparisonFixtures.Options(o => o.Temperature = 0.3f));

        await comparer.CompareAsync(ComparisonFixtures.Suite(3), new ModelUnderTest("base", a), new ModelUnderTest("ft", b));

        Assert.Equal(3, a.Calls);
        Assert.Equal(3, b.Calls);
        static string Describe((IReadOnlyList<ChatMessage> Messages, ChatOptions? Options) r) =>
            string.Join("|", r.Messages.Select(m => m.Role + ":" + m.Text)) + $"|t={r.Options!.Temperature}|s={r.Options.Seed}|max={r.Options.MaxOutputTokens}";
        Assert.Equal(a.Requests.Select(Describe).Order(), b.Requests.Select(Describe).Order());
        Assert.All(a.Requests, r =>
        {
            Assert.Equal(ChatRole.System, r.Messages[0].Role);
            Assert.Equal(ComparisonFixtures.SystemPrompt, r.Messages[0].Text);
            Assert.Equal(0.3f, r.Options!.Temperature);
            Assert.Equal(42, r.Options.Seed);
            Assert.Equal(300, r.Options.MaxOutputTokens);
        });
    }

    [Fact]
    public async Task CompareAsync_FormattedCandidate_WinsPairedTestAndBaseRegressionsAreListed()
    {
        var comparer = new ModelComparer(ComparisonFixtures.Options());

        var report = await comparer.CompareAsync(
            ComparisonFixtures.Suite(12),
            new ModelUnderTest("ft", ComparisonFixtures.FineTuned()),
            new ModelUnderTest("base", ComparisonFixtures.Base()));

        var format = report.GetPaired(Criteria.Format, "base", "ft")!;
        Assert.Equal(12, format.OnlyBPassed);
        Assert.Equal(0, format.OnlyAPassed);
        Assert.Equal(2.0 / 4096, format.PValue, 12);
        Assert.Equal("ft", format.Better);
        Assert.True(format.IsSignificant());
        Assert.Equal(12, report.GetSummary("ft", Criteria.Format)!.Passed);
        Assert.Equal(0.7575, report.GetSummary("ft", Criteria.Format)!.Lower, 3);
        Assert.Equal(4, report.GetSummary("base", Criteria.Escalation)!.Failed);
        var regressions = report.GetRegressions("base", Criteria.Format);
        Assert.NotEmpty(regressions);
        Assert.All(regressions, r => Assert.Equal(ScoreOutcome.Fail, r.GetScore(Criteria.Format)!.Outcome));
        Assert.All(regressions, r => Assert.Equal(ScoreOutcome.Pass, report.Results.Single(b => b.Model == "ft" && b.CaseId == r.CaseId && b.Repeat == r.Repeat).GetScore(Criteria.Format)!.Outcome));
        Assert.Empty(report.GetRegressions("ft"));
    }

    [Fact]
    public async Task CompareAsync_LabGates_PassOrFailWithReasons()
    {
        var comparer = new ModelComparer(ComparisonFixtures.Options(o => o.Repeats = 2));

        var report = await comparer.CompareAsync(
            ComparisonFixtures.Suite(36),
            new ModelUnderTest("base", ComparisonFixtures.Base()),
            new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        GateResult Gate(string model, string name) => report.Gates.Single(g => g.Model == model && g.Gate == name);
        Assert.True(Gate("ft", "format ≥ 90% at the 95% lower bound").Passed, Gate("ft", "format ≥ 90% at the 95% lower bound").Reason);
        Assert.Equal("100.0% over 36 cases, 95% CI [90.4%, 100.0%]; lower bound ≥ 90%", Gate("ft", "format ≥ 90% at the 95% lower bound").Reason);
        Assert.True(Gate("ft", "escalation right on all of ≥ 5 cases").Passed);
        Assert.False(Gate("base", "escalation right on all of ≥ 5 cases").Passed);
        Assert.Equal("24 of 72 answers failed or errored, over 36 cases", Gate("base", "escalation right on all of ≥ 5 cases").Reason);
        Assert.True(Gate("ft", "0 invented facts").Passed);
        Assert.True(report.PassesGates("ft"));
        Assert.False(report.PassesGates("base"));
    }

    [Fact]
    public async Task CompareAsync_AllPassButTooFewCases_LowerBoundGateSaysHowManyAreNeeded()
    {
        var report = await new ModelComparer(ComparisonFixtures.Options()).CompareAsync(
            ComparisonFixtures.Suite(20), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        var gate = report.Gates.Single(g => g.Model == "ft" && g.Gate.StartsWith("format", StringComparison.Ordinal));
        Assert.False(gate.Passed);
        Assert.Contains("100.0% over 20 cases", gate.Reason, StringComparison.Ordinal);
        Assert.Contains("≥ 35 cases; add 15 more cases", gate.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("repeat", gate.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((20, 35), (gate.Cases, gate.CasesNeeded));
    }

    [Fact]
    public async Task CompareAsync_SecondRunWithCache_MakesZeroModelAndJudgeCalls()
    {
        var cache = ComparisonTestFiles.TempDirectory();
        var judge = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"winner\": \"2\", \"score\": 5}"))) };
        ModelComparerOptions Options() => ComparisonFixtures.Options(o =>
        {
            o.CacheDirectory = cache;
            o.Repeats = 2;
            o.Scorers.Add(new RubricJudgeScorer(judge));
            o.PairwiseJudge = new PairwiseJudge(judge);
        });
        var a1 = ComparisonFixtures.Base();
        var b1 = ComparisonFixtures.FineTuned();
        var first = await new ModelComparer(Options()).CompareAsync(ComparisonFixtures.Suite(4), new ModelUnderTest("base", a1), new ModelUnderTest("ft", b1));
        var judgeCallsAfterFirst = judge.Calls;
        Assert.Equal(16, judgeCallsAfterFirst); // 8 distinct rubric prompts (repeats answer alike) + 4 cases x 2 orders
        Assert.Equal(16, first.Run.JudgeCalls);

        var a2 = ComparisonFixtures.Base();
        var b2 = ComparisonFixtures.FineTuned();
        var second = await new ModelComparer(Options()).CompareAsync(ComparisonFixtures.Suite(4), new ModelUnderTest("base", a2), new ModelUnderTest("ft", b2));

        Assert.Equal(16, a1.Calls + b1.Calls);
        Assert.Equal(16, first.Run.ModelCalls);
        Assert.Equal(0, a2.Calls + b2.Calls);
        Assert.Equal(judgeCallsAfterFirst, judge.Calls);
        Assert.Equal(0, second.Run.ModelCalls);
        Assert.Equal(16, second.Run.CacheHits);
        Assert.Equal(0, second.Run.JudgeCalls);
        Assert.Equal(first.Summaries, second.Summaries);
        Assert.All(second.Results, r => Assert.True(r.FromCache));
    }

    [Fact]
    public async Task CompareAsync_InterruptedRun_ResumesWithoutRecallingFinishedCases()
    {
        var results = Path.Combine(ComparisonTestFiles.TempDirectory(), "results.jsonl");
        var options = ComparisonFixtures.Options(o =>
        {
            o.ResultsPath = results;
            o.MaxConcurrency = 1;
        });
        using var cts = new CancellationTokenSource();
        var asked = new List<string>();
        TestChatClient Interrupting(TestChatClient inner) => new()
        {
            ModelId = inner.ModelId,
            GetResponseAsyncCallback = (messages, chatOptions, token) =>
            {
                lock (asked)
                {
                    asked.Add(messages[^1].Text);
                    if (asked.Count == 7)
                    {
                        cts.Cancel();
                        token.ThrowIfCancellationRequested();
                    }
                }

                return inner.GetResponseAsync(messages, chatOptions, token);
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ModelComparer(options).CompareAsync(
            ComparisonFixtures.Suite(6),
            [new ModelUnderTest("base", Interrupting(ComparisonFixtures.Base())), new ModelUnderTest("ft", Interrupting(ComparisonFixtures.FineTuned()))],
            cancellationToken: cts.Token));
        Assert.Equal(6, File.ReadAllLines(results).Length);

        var a = ComparisonFixtures.Base();
        var b = ComparisonFixtures.FineTuned();
        var report = await new ModelComparer(options).CompareAsync(ComparisonFixtures.Suite(6), new ModelUnderTest("base", a), new ModelUnderTest("ft", b));

        Assert.Equal(6, a.Calls + b.Calls);
        Assert.Equal(6, report.Run.Resumed);
        Assert.Equal(6, report.Run.ModelCalls);
        Assert.Equal(12, report.Results.Count);
        Assert.Equal(6, report.Results.Count(r => r.Resumed));
        Assert.Equal(12, report.GetSummary("ft", Criteria.Format)!.Passed + report.GetSummary("base", Criteria.Format)!.Passed + 6);
        Assert.Equal(12, File.ReadAllLines(results).Length);
    }

    [Fact]
    public async Task CompareAsync_ResumeWithAnAddedScorer_RescoresRecordedAnswersWithoutModelCalls()
    {
        var results = Path.Combine(ComparisonTestFiles.TempDirectory(), "results.jsonl");
        var first = ComparisonFixtures.Options(o => o.ResultsPath = results);
        first.Scorers.RemoveAt(0);
        await new ModelComparer(first).CompareAsync(ComparisonFixtures.Suite(3), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        var a = ComparisonFixtures.Base();
        var b = ComparisonFixtures.FineTuned();
        var report = await new ModelComparer(ComparisonFixtures.Options(o => o.ResultsPath = results)).CompareAsync(
            ComparisonFixtures.Suite(3), new ModelUnderTest("base", a), new ModelUnderTest("ft", b));

        Assert.Equal(0, a.Calls + b.Calls);
        Assert.Equal(3, report.GetSummary("ft", Criteria.Format)!.Passed);
        Assert.Equal(3, report.GetSummary("base", Criteria.Format)!.Failed);
    }

    [Fact]
    public async Task CompareAsync_TornLastLine_IgnoredAndItemRunsAgain()
    {
        var results = Path.Combine(ComparisonTestFiles.TempDirectory(), "results.jsonl");
        var options = ComparisonFixtures.Options(o => o.ResultsPath = results);
        await new ModelComparer(options).CompareAsync(ComparisonFixtures.Suite(2), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        var lines = File.ReadAllLines(results);
        File.WriteAllText(results, string.Join("\n", lines[..^1]) + "\n" + lines[^1][..(lines[^1].Length / 2)]);

        var a = ComparisonFixtures.Base();
        var b = ComparisonFixtures.FineTuned();
        var report = await new ModelComparer(options).CompareAsync(ComparisonFixtures.Suite(2), new ModelUnderTest("base", a), new ModelUnderTest("ft", b));

        Assert.Equal(1, a.Calls + b.Calls);
        Assert.Equal(3, report.Run.Resumed);
    }

    [Fact]
    public async Task CompareAsync_RateLimitedWithRetryAfter_WaitsThatLongOnTheTimeProvider()
    {
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var attempts = 0;
        var limited = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Interlocked.Increment(ref attempts) == 1
                ? throw new ClientResultException("rate limited", new RateLimitedResponse(("retry-after", "7")))
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, TechFlowAnswers.Formatted))),
        };
        var comparer = new ModelComparer(ComparisonFixtures.Options(o => o.MaxConcurrency = 1), time);

        var run = comparer.CompareAsync(TestSuiteOf(1), new ModelUnderTest("limited", limited), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        await WaitUntil(() => Volatile.Read(ref attempts) == 1);
        // Advance only once the retry's delay timer exists, or the advance could land before it is scheduled.
        await WaitUntil(() => time.TimersCreated >= 1);
        time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(50);
        Assert.Equal(1, Volatile.Read(ref attempts));
        time.Advance(TimeSpan.FromSeconds(0.2));
        var report = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, attempts);
        Assert.Equal(1, report.Run.Retries);
        Assert.Null(report.Results.Single(r => r.Model == "limited").Error);
    }

    [Fact]
    public async Task CompareAsync_ModelCallFails_ScoresAreErrorsNeverPasses()
    {
        var broken = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw new InvalidOperationException("bad request") };

        var report = await new ModelComparer(ComparisonFixtures.Options()).CompareAsync(
            ComparisonFixtures.Suite(3), new ModelUnderTest("broken", broken), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        Assert.All(report.Results.Where(r => r.Model == "broken"), r =>
        {
            Assert.Contains("bad request", r.Error, StringComparison.Ordinal);
            Assert.All(r.Scores, s => Assert.Equal(ScoreOutcome.Error, s.Outcome));
        });
        Assert.Equal(0, report.GetSummary("broken", Criteria.Format)!.Passed);
        Assert.Equal(3, report.GetSummary("broken", Criteria.Format)!.Errors);
        Assert.Equal(3, report.Usage.Single(u => u.Model == "broken").FailedCalls);
        Assert.True(report.ErrorBudgetExceeded);
    }

    [Fact]
    public async Task CompareAsync_JudgeAnswersUnparseably_ErrorsCountAgainstBudget()
    {
        var judge = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Looks fine to me!"))) };
        var options = ComparisonFixtures.Options(o =>
        {
            o.Scorers.Add(new RubricJudgeScorer(judge));
            o.PairwiseJudge = new PairwiseJudge(judge);
        });

        var report = await new ModelComparer(options).CompareAsync(
            ComparisonFixtures.Suite(4), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        var rubric = report.GetSummary("ft", Criteria.Rubric)!;
        Assert.Equal(0, rubric.Passed);
        Assert.Equal(4, rubric.Errors);
        Assert.Equal(0, rubric.Passed);
        Assert.Equal(4, report.WinRates.Single().Errors);
        Assert.Equal(12, report.Run.JudgeErrors);
        Assert.True(report.ErrorBudgetExceeded);
        Assert.Contains(report.Gates, g => g.Gate.StartsWith("errors", StringComparison.Ordinal) && !g.Passed);
        Assert.Contains("Error budget exceeded", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_PairwiseJudge_WinRateWithTiesAndSignTest()
    {
        var judge = new TestChatClient
        {
            GetResponseAsyncCallback = (messages, _, _) =>
            {
                var prompt = messages[^1].Text;
                var winner = prompt.IndexOf("🔐", StringComparison.Ordinal) > prompt.IndexOf("BEGIN ANSWER_2", StringComparison.Ordinal) ? "2" : "1";
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"{{\"winner\": \"{winner}\"}}")));
            },
        };

        var report = await new ModelComparer(ComparisonFixtures.Options(o => o.PairwiseJudge = new PairwiseJudge(judge))).CompareAsync(
            ComparisonFixtures.Suite(9), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        var rate = report.WinRates.Single();
        Assert.Equal(("base", "ft"), (rate.ModelA, rate.ModelB));
        Assert.Equal(6, rate.Losses);
        Assert.Equal(3, rate.Ties);
        Assert.Equal(0, rate.Wins);
        Assert.Equal(1.5 / 9, rate.Rate, 10);
        Assert.Equal(2.0 / 64, rate.PValue, 12);
    }

    [Fact]
    public async Task CompareAsync_MaxConcurrency_BoundsCallsInFlight()
    {
        var inFlight = 0;
        var max = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestChatClient Gated() => new()
        {
            GetResponseAsyncCallback = async (_, _, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref max, now);
                if (now == 3)
                {
                    gate.TrySetResult();
                }

                await gate.Task;
                await Task.Yield();
                Interlocked.Decrement(ref inFlight);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, TechFlowAnswers.Formatted));
            },
        };

        await new ModelComparer(ComparisonFixtures.Options(o => o.MaxConcurrency = 3)).CompareAsync(
            ComparisonFixtures.Suite(10), new ModelUnderTest("a", Gated()), new ModelUnderTest("b", Gated()));

        Assert.Equal(3, max);
    }

    [Fact]
    public async Task CompareAsync_RepeatsAndProgress_EveryItemReportedWithSeedPerRepeat()
    {
        var a = ComparisonFixtures.Base();
        var progress = new CollectingProgress();

        var report = await new ModelComparer(ComparisonFixtures.Options(o => o.Repeats = 3)).CompareAsync(
            ComparisonFixtures.Suite(2), [new ModelUnderTest("base", a), new ModelUnderTest("ft", ComparisonFixtures.FineTuned())], progress);

        Assert.Equal(12, report.Results.Count);
        Assert.Equal([42L, 42L, 43L, 43L, 44L, 44L], a.Requests.Select(r => r.Options!.Seed!.Value).Order());
        Assert.Equal(12, progress.Reports.Count);
        Assert.Equal(Enumerable.Range(1, 12), progress.Reports.Select(p => p.Completed).Order());
        Assert.All(progress.Reports, p => Assert.Equal(12, p.Total));
    }

    [Fact]
    public async Task CompareAsync_InvalidArguments_Throw()
    {
        var comparer = new ModelComparer();
        var model = new ModelUnderTest("a", ComparisonFixtures.Base());

        await Assert.ThrowsAsync<ArgumentNullException>("suite", () => comparer.CompareAsync(null!, [model, model]));
        await Assert.ThrowsAsync<ArgumentNullException>("models", () => comparer.CompareAsync(ComparisonFixtures.Suite(1), null!));
        await Assert.ThrowsAsync<ArgumentException>("models", () => comparer.CompareAsync(ComparisonFixtures.Suite(1), [model]));
        await Assert.ThrowsAsync<ArgumentException>("models", () => comparer.CompareAsync(ComparisonFixtures.Suite(1), [model, model]));
        await Assert.ThrowsAsync<ArgumentNullException>("baseline", () => comparer.CompareAsync(ComparisonFixtures.Suite(1), null!, model));
        Assert.Throws<ArgumentNullException>("name", () => new ModelUnderTest(null!, ComparisonFixtures.Base()));
        Assert.Throws<ArgumentNullException>("client", () => new ModelUnderTest("a", null!));
    }

    private static TestSuite TestSuiteOf(int count) => ComparisonFixtures.Suite(count);

    private sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timersCreated;

        public int TimersCreated => Volatile.Read(ref _timersCreated);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timersCreated);
            return timer;
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
