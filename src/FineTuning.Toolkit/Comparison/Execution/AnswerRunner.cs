using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// Produces one answer of one model to one case and repeat: taken over from the results journal when it is there,
/// otherwise asked through the model's middleware (cache, retry, measurement), then scored and journaled.
/// </summary>
internal sealed class AnswerRunner(RunContext run)
{
    public async Task<CaseResult> AnswerAsync(TestCase testCase, int repeat, ModelUnderTest model, CancellationToken cancellationToken)
    {
        var systemPrompt = run.SystemPromptFor(testCase);
        var messages = RunContext.BuildMessages(testCase, systemPrompt);
        var chatOptions = run.BuildChatOptions(repeat);
        var identity = run.Identities[model.Name];
        var key = identity.IsKnown && run.Journal is not null ? RequestKeys.ForAnswer(identity, repeat, messages, chatOptions) : null;
        if (key is not null && run.Journal!.TryGetResponse(key, out var prior))
        {
            return await ResumeAsync(key, prior, testCase, model, systemPrompt, cancellationToken).ConfigureAwait(false);
        }

        var answer = await CallAsync(model, identity, testCase.Id, repeat, messages, chatOptions, cancellationToken).ConfigureAwait(false);
        if (answer.Error is null)
        {
            Log.ModelAnswered(run.Logger, model.Name, testCase.Id, repeat, answer.Text);
        }

        var scores = await AnswerScoring.ScoreAsync(run, testCase, model.Name, answer.Text, systemPrompt, repeat, answer.Error, cancellationToken).ConfigureAwait(false);
        var result = new CaseResult(model.Name, testCase.Id, repeat, answer.Text, scores)
        {
            Error = answer.Error,
            LatencyMilliseconds = answer.LatencyMilliseconds,
            TimeToFirstTokenMilliseconds = answer.FirstTokenMilliseconds,
            OutputTokensPerSecond = answer.OutputTokensPerSecond,
            InputTokens = answer.InputTokens,
            OutputTokens = answer.OutputTokens,
            FromCache = answer.FromCache,
        };
        // While the judges' requests are collected for their batch, the answer is journaled with its verdicts deferred
        // (errors for now): a run killed before the judge batch ends takes the answer over instead of asking the model again.
        if (key is not null && answer.Error is null && (run.Judge.IsCollecting || !scores.Any(s => s.Outcome == ScoreOutcome.Error)))
        {
            await run.Journal!.AppendResponseAsync(key, result, cancellationToken).ConfigureAwait(false);
        }

        run.Progress.Completed(model.Name, testCase.Id);
        return result;
    }

    /// <summary>
    /// Scores an answer again (after its judges' batch ran) and records it in the results journal when every score is in.
    /// </summary>
    public async Task<CaseResult> RescoreAsync(TestCase testCase, CaseResult answer, CancellationToken cancellationToken)
    {
        var systemPrompt = run.SystemPromptFor(testCase);
        var scores = await AnswerScoring.ScoreAsync(run, testCase, answer.Model, answer.Response, systemPrompt, answer.Repeat, null, cancellationToken).ConfigureAwait(false);
        var result = answer.WithScores(scores);
        var identity = run.Identities[answer.Model];
        if (identity.IsKnown && run.Journal is not null && !scores.Any(s => s.Outcome == ScoreOutcome.Error))
        {
            var key = RequestKeys.ForAnswer(identity, answer.Repeat, RunContext.BuildMessages(testCase, systemPrompt), run.BuildChatOptions(answer.Repeat));
            await run.Journal.AppendResponseAsync(key, result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<CaseResult> ResumeAsync(string key, CaseResult prior, TestCase testCase, ModelUnderTest model, string? systemPrompt, CancellationToken cancellationToken)
    {
        run.Counters.ResumedItem();
        Count(model.Name, "resumed");

        // The recorded answer may come from a model of another display name (same model id); it is reported under this one.
        prior = new CaseResult(model.Name, testCase.Id, prior.Repeat, prior.Response, prior.Scores)
        {
            Error = prior.Error,
            LatencyMilliseconds = prior.LatencyMilliseconds,
            TimeToFirstTokenMilliseconds = prior.TimeToFirstTokenMilliseconds,
            OutputTokensPerSecond = prior.OutputTokensPerSecond,
            InputTokens = prior.InputTokens,
            OutputTokens = prior.OutputTokens,
            FromCache = prior.FromCache,
            Resumed = true,
        };
        if (!AnswerScoring.MadeBy(prior.Scores, run.AnswerScorers) || prior.Scores.Any(sc => sc.Outcome == ScoreOutcome.Error))
        {
            // The scorers changed since the answer was recorded, or its verdicts were deferred to a judge batch that did not
            // finish: rescore the recorded answer, without a model call (collecting its judge requests again, if batched).
            var rescored = await AnswerScoring.ScoreAsync(run, testCase, model.Name, prior.Response, systemPrompt, prior.Repeat, null, cancellationToken).ConfigureAwait(false);
            prior = prior.WithScores(rescored);
            if (!rescored.Any(sc => sc.Outcome == ScoreOutcome.Error))
            {
                await run.Journal!.AppendResponseAsync(key, prior, cancellationToken).ConfigureAwait(false);
            }
        }

        run.Progress.Completed(model.Name, testCase.Id);
        return prior;
    }

    private async Task<Answer> CallAsync(
        ModelUnderTest model, ModelIdentity identity, string caseId, int repeat, List<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        var client = run.Clients.For(model, identity, repeat);
        var start = run.TimeProvider.GetTimestamp();
        try
        {
            var response = run.Options.Streaming
                ? await client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false)
                : await client.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
            var (fresh, latency, firstToken) = run.Stamp.Read(response);
            if (fresh)
            {
                run.Counters.ModelCall();
                Count(model.Name, "call");
                Telemetry.ComparisonCallDuration.Record(latency / 1000, new KeyValuePair<string, object?>("model", model.Name));
            }
            else
            {
                run.Counters.ModelCacheHit();
                Count(model.Name, "cache");
            }

            var output = response.Usage?.OutputTokenCount;
            double? perSecond = firstToken is { } first && output is > 0 && latency > first ? output.Value / ((latency - first) / 1000) : null;
            return new Answer(response.Text, null, latency, firstToken, perSecond, response.Usage?.InputTokenCount, output, !fresh);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            run.Counters.ModelCall();
            Count(model.Name, "call");
            Log.ModelCallFailed(run.Logger, ex, model.Name, caseId);
            var latency = run.TimeProvider.GetElapsedTime(start).TotalMilliseconds;
            return new Answer(string.Empty, $"{ex.GetType().Name}: {ex.Message}", latency, null, null, null, null, false);
        }
    }

    private static void Count(string model, string source) =>
        Telemetry.ComparisonAnswers.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("source", source));

    private sealed record Answer(
        string Text, string? Error, double LatencyMilliseconds, double? FirstTokenMilliseconds, double? OutputTokensPerSecond, long? InputTokens, long? OutputTokens, bool FromCache);
}
