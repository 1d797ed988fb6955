using System.Text.Json;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Execution;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace FineTuning.Toolkit.Comparison;

/// <summary>
/// Runs a <see cref="TestSuite"/> against two or more models (any <see cref="IChatClient"/>) with the same prompts,
/// options and system prompt, scores every answer, and returns a <see cref="ComparisonReport"/> with Wilson intervals,
/// paired McNemar tests, pairwise win rates, latency, tokens, cost and the lab's success gates.
/// Calls run with bounded concurrency and Polly retries (honouring retry-after); answers and judge verdicts can be
/// cached on disk and appended to a results file so a re-run or an interrupted run does not call finished items again.
/// </summary>
public sealed class ModelComparer
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ModelComparer"/> class.</summary>
    /// <param name="options">The options; defaults to <see cref="ModelComparerOptions"/>'s defaults.</param>
    /// <param name="timeProvider">The clock for latency and retry delays; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The logger factory; defaults to no logging.</param>
    public ModelComparer(ModelComparerOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new ModelComparerOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModelComparer>();
    }

    /// <summary>Gets the options.</summary>
    public ModelComparerOptions Options { get; }

    /// <summary>Compares a baseline and a candidate model (for example base and fine-tuned).</summary>
    /// <param name="suite">The test suite.</param>
    /// <param name="baseline">The baseline model; regressions are reported against it.</param>
    /// <param name="candidate">The candidate model.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report.</returns>
    public Task<ComparisonReport> CompareAsync(TestSuite suite, ModelUnderTest baseline, ModelUnderTest candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return CompareAsync(suite, [baseline, candidate], null, cancellationToken);
    }

    /// <summary>Compares two or more models; the first is the baseline.</summary>
    /// <param name="suite">The test suite.</param>
    /// <param name="models">The models, baseline first; names must be unique.</param>
    /// <param name="progress">Receives progress after every answer and verdict.</param>
    /// <param name="cancellationToken">The cancellation token. Finished items are already in the results file when it fires.</param>
    /// <returns>The report.</returns>
    public async Task<ComparisonReport> CompareAsync(
        TestSuite suite,
        IReadOnlyList<ModelUnderTest> models,
        IProgress<ComparisonProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(models);
        ValidateArguments(models);
        var options = Options;
        Log.ComparisonStarted(_logger, models.Count, suite.Name, suite.Cases.Count, options.Repeats, options.MaxConcurrency);
        using var activity = Telemetry.ActivitySource.StartActivity("ModelComparer.Compare");
        activity?.SetTag("comparison.suite", suite.Name);
        activity?.SetTag("comparison.cases", suite.Cases.Count);
        activity?.SetTag("comparison.models", string.Join(",", models.Select(m => m.Name)));

        var counters = new RunCounters();
        var pipeline = ComparisonResilience.Build(options, _timeProvider, _logger, counters);
        var cache = options.CacheDirectory is null ? null : new DiskCache(options.CacheDirectory);
        using var journal = options.ResultsPath is null ? null : ResultsJournal.Open(options.ResultsPath);
        if (journal is { Count: > 0 })
        {
            Log.ComparisonResuming(_logger, journal.Path, journal.Count);
        }

        var run = new Run(this, suite, options, counters, pipeline, cache, journal, new JudgeServices(cache, pipeline, counters), progress);
        var started = _timeProvider.GetUtcNow();
        var startedAt = _timeProvider.GetTimestamp();

        // Models in batch mode are asked through the Batch API first; they then answer from its results.
        using var batch = await BatchExecutor.PrepareAsync(suite, models, options, _timeProvider, _logger, progress, cancellationToken).ConfigureAwait(false);
        models = batch.Models;

        var items = new List<(TestCase Case, int Repeat, ModelUnderTest Model)>();
        foreach (var testCase in suite.Cases)
        {
            for (var repeat = 0; repeat < options.Repeats; repeat++)
            {
                foreach (var model in models)
                {
                    items.Add((testCase, repeat, model));
                }
            }
        }

        var pairs = options.PairwiseJudge is null ? 0 : suite.Cases.Count * options.Repeats * models.Count * (models.Count - 1) / 2;
        run.Total = items.Count + pairs;
        var answers = new CaseResult[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var (testCase, repeat, model) = items[index];
                answers[index] = await run.AnswerAsync(testCase, repeat, model, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

        var pairwise = new List<PairwiseResult>();
        if (options.PairwiseJudge is { } judge)
        {
            var lookup = answers.ToDictionary(a => (a.Model, a.CaseId, a.Repeat));
            var work = new List<(TestCase Case, int Repeat, CaseResult A, CaseResult B)>();
            foreach (var testCase in suite.Cases)
            {
                for (var repeat = 0; repeat < options.Repeats; repeat++)
                {
                    for (var i = 0; i < models.Count; i++)
                    {
                        for (var j = i + 1; j < models.Count; j++)
                        {
                            work.Add((testCase, repeat, lookup[(models[i].Name, testCase.Id, repeat)], lookup[(models[j].Name, testCase.Id, repeat)]));
                        }
                    }
                }
            }

            var verdicts = new PairwiseResult[work.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, work.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var (testCase, repeat, a, b) = work[index];
                    verdicts[index] = await run.JudgePairAsync(judge, testCase, repeat, a, b, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            pairwise.AddRange(verdicts);
        }

        var scored = ApplySuiteScorers(suite, options, answers);
        var elapsed = _timeProvider.GetElapsedTime(startedAt);
        var report = new ComparisonReport(
            suite,
            models,
            scored,
            pairwise,
            options,
            new ComparisonRunInfo(started, elapsed, counters.ModelCalls, counters.ModelCacheHits, counters.Resumed, counters.JudgeCalls, counters.JudgeCacheHits, counters.JudgeErrors, counters.Retries));
        activity?.SetTag("comparison.model_calls", counters.ModelCalls);
        activity?.SetTag("comparison.errors", report.ErrorCount);
        Log.ComparisonFinished(_logger, elapsed, counters.ModelCalls, counters.ModelCacheHits, counters.Resumed, counters.JudgeCalls, counters.JudgeErrors);
        if (report.ErrorBudgetExceeded)
        {
            Log.ErrorBudgetExceeded(_logger, report.ErrorCount, report.ScoredCount, options.ErrorBudget);
        }

        return report;
    }

    internal static string? SystemPromptFor(TestCase testCase, TestSuite suite, ModelComparerOptions options) =>
        testCase.SystemPrompt ?? suite.SystemPrompt ?? options.SystemPrompt;

    internal static List<ChatMessage> BuildMessages(TestCase testCase, string? systemPrompt)
    {
        var messages = new List<ChatMessage>(testCase.Messages.Count + 1);
        if (systemPrompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, systemPrompt));
        }

        messages.AddRange(testCase.Messages.Select(m => new ChatMessage(m.Role, m.Text)));
        return messages;
    }

    internal static ChatOptions BuildChatOptions(ModelComparerOptions options, int repeat) => new()
    {
        Temperature = options.Temperature,
        Seed = options.Seed + repeat,
        MaxOutputTokens = options.MaxOutputTokens,
    };

    private static List<CaseResult> ApplySuiteScorers(TestSuite suite, ModelComparerOptions options, CaseResult[] answers)
    {
        var result = answers.ToList();
        if (options.SuiteScorers.Count == 0)
        {
            return result;
        }

        var cases = suite.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var group in answers.Select((a, i) => (Answer: a, Index: i)).GroupBy(x => x.Answer.Model, StringComparer.Ordinal))
        {
            var ok = group.Where(x => x.Answer.Error is null).ToList();
            var contexts = ok.Select(x => new ScoringContext(cases[x.Answer.CaseId], x.Answer.Model, x.Answer.Response) { Repeat = x.Answer.Repeat }).ToList();
            var extra = group.ToDictionary(x => x.Index, _ => new List<Score>());
            foreach (var scorer in options.SuiteScorers)
            {
                IReadOnlyList<Score> scores;
                try
                {
                    scores = scorer.ScoreSuite(contexts);
                    if (scores.Count != contexts.Count)
                    {
                        throw new InvalidOperationException($"returned {scores.Count} scores for {contexts.Count} answers");
                    }
                }
                catch (Exception ex)
                {
                    scores = contexts.Select(_ => Score.Error(scorer.Criterion, $"suite scorer threw: {ex.Message}")).ToList();
                }

                for (var i = 0; i < ok.Count; i++)
                {
                    extra[ok[i].Index].Add(scores[i]);
                }

                foreach (var failed in group.Where(x => x.Answer.Error is not null))
                {
                    extra[failed.Index].Add(Score.Error(scorer.Criterion, "model call failed: " + failed.Answer.Error));
                }
            }

            foreach (var (index, scores) in extra)
            {
                result[index] = answers[index].WithScores([.. answers[index].Scores, .. scores]);
            }
        }

        return result;
    }

    private void ValidateArguments(IReadOnlyList<ModelUnderTest> models)
    {
        if (models.Count < 2)
        {
            throw new ArgumentException("A comparison needs at least two models.", nameof(models));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (model is null)
            {
                throw new ArgumentException("The models contain null.", nameof(models));
            }

            if (!names.Add(model.Name))
            {
                throw new ArgumentException($"The model name '{model.Name}' is used twice; names must be unique.", nameof(models));
            }
        }

        var o = Options;
        if (o.MaxConcurrency < 1 || o.Repeats < 1 || o.MaxRetryAttempts < 0 || o.ErrorBudget is < 0 or > 1 || o.Alpha is <= 0 or >= 1)
        {
            throw new InvalidOperationException("ModelComparerOptions are invalid: MaxConcurrency and Repeats must be at least 1, MaxRetryAttempts at least 0, ErrorBudget within [0, 1] and Alpha within (0, 1).");
        }

        if (o.Scorers is null || o.SuiteScorers is null || o.Gates is null)
        {
            throw new InvalidOperationException("ModelComparerOptions.Scorers, SuiteScorers and Gates must not be null.");
        }
    }

    /// <summary>The state of one comparison run.</summary>
    private sealed class Run(
        ModelComparer owner,
        TestSuite suite,
        ModelComparerOptions options,
        RunCounters counters,
        ResiliencePipeline pipeline,
        DiskCache? cache,
        ResultsJournal? journal,
        JudgeServices judge,
        IProgress<ComparisonProgress>? progress)
    {
        private int _completed;

        public int Total { get; set; }

        public async Task<CaseResult> AnswerAsync(TestCase testCase, int repeat, ModelUnderTest model, CancellationToken cancellationToken)
        {
            var systemPrompt = SystemPromptFor(testCase, suite, options);
            var messages = BuildMessages(testCase, systemPrompt);
            var chatOptions = BuildChatOptions(options, repeat);
            var key = RequestKeys.ForModel(model.Name, messages, chatOptions, repeat);
            if (journal is not null && journal.TryGetResponse(key, out var prior))
            {
                counters.ResumedItem();
                Telemetry.ComparisonAnswers.Add(1, new KeyValuePair<string, object?>("model", model.Name), new KeyValuePair<string, object?>("source", "resumed"));
                if (!prior.Scores.Select(sc => sc.Criterion).SequenceEqual(options.Scorers.Select(sc => sc.Criterion), StringComparer.Ordinal))
                {
                    // The scorers changed since the answer was recorded: rescore the recorded answer, without a model call.
                    var rescored = await ScoreAnswerAsync(testCase, model.Name, prior.Response, systemPrompt, repeat, null, cancellationToken).ConfigureAwait(false);
                    prior = prior.WithScores(rescored);
                    if (!rescored.Any(sc => sc.Outcome == ScoreOutcome.Error))
                    {
                        await journal.AppendResponseAsync(key, prior, cancellationToken).ConfigureAwait(false);
                    }
                }

                Report(model.Name, testCase.Id);
                return prior;
            }

            string text = string.Empty;
            string? error = null;
            double latency = 0;
            long? inputTokens = null;
            long? outputTokens = null;
            var fromCache = false;
            if (cache is not null && await cache.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
            {
                using var document = JsonDocument.Parse(cached);
                var root = document.RootElement;
                text = root.GetProperty("text").GetString() ?? string.Empty;
                latency = root.GetProperty("latencyMs").GetDouble();
                inputTokens = root.TryGetProperty("inputTokens", out var i) ? i.GetInt64() : null;
                outputTokens = root.TryGetProperty("outputTokens", out var o) ? o.GetInt64() : null;
                fromCache = true;
                counters.ModelCacheHit();
                Telemetry.ComparisonAnswers.Add(1, new KeyValuePair<string, object?>("model", model.Name), new KeyValuePair<string, object?>("source", "cache"));
            }
            else
            {
                counters.ModelCall();
                Telemetry.ComparisonAnswers.Add(1, new KeyValuePair<string, object?>("model", model.Name), new KeyValuePair<string, object?>("source", "call"));
                var start = owner._timeProvider.GetTimestamp();
                try
                {
                    var response = await pipeline.ExecuteAsync(
                        static async (state, ct) => await state.Client.GetResponseAsync(state.messages, state.chatOptions, ct).ConfigureAwait(false),
                        (model.Client, messages, chatOptions),
                        cancellationToken).ConfigureAwait(false);
                    latency = owner._timeProvider.GetElapsedTime(start).TotalMilliseconds;
                    Telemetry.ComparisonCallDuration.Record(latency / 1000, new KeyValuePair<string, object?>("model", model.Name));
                    text = response.Text;
                    inputTokens = response.Usage?.InputTokenCount;
                    outputTokens = response.Usage?.OutputTokenCount;
                    Log.ModelAnswered(owner._logger, model.Name, testCase.Id, repeat, text);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    latency = owner._timeProvider.GetElapsedTime(start).TotalMilliseconds;
                    error = $"{ex.GetType().Name}: {ex.Message}";
                    Log.ModelCallFailed(owner._logger, ex, model.Name, testCase.Id);
                }

                if (error is null && cache is not null)
                {
                    var entry = new Dictionary<string, object?>
                    {
                        ["model"] = model.Name,
                        ["text"] = text,
                        ["latencyMs"] = latency,
                        ["inputTokens"] = inputTokens,
                        ["outputTokens"] = outputTokens,
                    };
                    await cache.WriteAsync(key, JsonSerializer.Serialize(entry), cancellationToken).ConfigureAwait(false);
                }
            }

            var scores = await ScoreAnswerAsync(testCase, model.Name, text, systemPrompt, repeat, error, cancellationToken).ConfigureAwait(false);
            foreach (var score in scores.Where(s => s.Outcome == ScoreOutcome.Error))
            {
                Telemetry.ComparisonErrors.Add(1, new KeyValuePair<string, object?>("criterion", score.Criterion));
            }

            var result = new CaseResult(model.Name, testCase.Id, repeat, text, scores)
            {
                Error = error,
                LatencyMilliseconds = latency,
                InputTokens = inputTokens,
                OutputTokens = outputTokens,
                FromCache = fromCache,
            };
            if (journal is not null && error is null && !scores.Any(s => s.Outcome == ScoreOutcome.Error))
            {
                await journal.AppendResponseAsync(key, result, cancellationToken).ConfigureAwait(false);
            }

            Report(model.Name, testCase.Id);
            return result;
        }

        private async Task<List<Score>> ScoreAnswerAsync(TestCase testCase, string modelName, string text, string? systemPrompt, int repeat, string? error, CancellationToken cancellationToken)
        {
            var scores = new List<Score>(options.Scorers.Count);
            var context = new ScoringContext(testCase, modelName, text, systemPrompt) { Repeat = repeat, Judge = judge };
            foreach (var scorer in options.Scorers)
            {
                if (error is not null)
                {
                    scores.Add(Score.Error(scorer.Criterion, "model call failed: " + error));
                    continue;
                }

                try
                {
                    scores.Add(await scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.ScorerFailed(owner._logger, ex, scorer.Criterion, testCase.Id, modelName);
                    scores.Add(Score.Error(scorer.Criterion, $"scorer threw {ex.GetType().Name}: {ex.Message}"));
                }
            }

            return scores;
        }

        public async Task<PairwiseResult> JudgePairAsync(PairwiseJudge pairwiseJudge, TestCase testCase, int repeat, CaseResult a, CaseResult b, CancellationToken cancellationToken)
        {
            var key = RequestKeys.ForPair(pairwiseJudge.Key, testCase.Id, repeat, a.Model, a.Response, b.Model, b.Response);
            PairwiseVerdict verdict;
            if (journal is not null && journal.TryGetVerdict(key, out var prior))
            {
                counters.ResumedItem();
                verdict = prior;
            }
            else if (a.Error is not null || b.Error is not null)
            {
                verdict = new PairwiseVerdict(PairwiseOutcome.Error, "model call failed: " + (a.Error ?? b.Error), null, null);
            }
            else
            {
                verdict = await pairwiseJudge.JudgeAsync(testCase, a.Response, b.Response, judge, cancellationToken).ConfigureAwait(false);
                if (journal is not null && verdict.Outcome != PairwiseOutcome.Error)
                {
                    await journal.AppendVerdictAsync(key, new PairwiseResult(testCase.Id, repeat, a.Model, b.Model, verdict), cancellationToken).ConfigureAwait(false);
                }
            }

            Report(a.Model + " vs " + b.Model, testCase.Id);
            return new PairwiseResult(testCase.Id, repeat, a.Model, b.Model, verdict);
        }

        private void Report(string model, string caseId)
        {
            var completed = Interlocked.Increment(ref _completed);
            progress?.Report(new ComparisonProgress
            {
                Completed = completed,
                Total = Total,
                ModelCalls = counters.ModelCalls,
                CacheHits = counters.ModelCacheHits,
                Resumed = counters.Resumed,
                JudgeCalls = counters.JudgeCalls,
                Model = model,
                CaseId = caseId,
            });
        }
    }
}
