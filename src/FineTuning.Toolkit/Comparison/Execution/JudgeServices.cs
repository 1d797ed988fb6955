using System.Collections.Concurrent;
using FineTuning.Toolkit.Comparison.Batch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Polly;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// What a running comparison lends its judges: each judge is asked through cache → validation → retry → measurement
/// middleware, so a verdict the parser cannot read is never cached. Identical judge requests within a run are asked
/// once (concurrent duplicates wait for the first). Judges in batch mode (<paramref name="batch"/>) first have their
/// requests collected (the verdict is deferred: <see cref="JudgeDeferredException"/>), then answer from the judge batch.
/// </summary>
internal sealed class JudgeServices(IDistributedCache? cache, ResiliencePipeline pipeline, RunCounters counters, CallStamp stamp, TimeProvider timeProvider, JudgeBatch? batch = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(IChatClient Judge, string Purpose), IChatClient> _clients = new();

    public RunCounters Counters => counters;

    /// <summary>Returns the same services over other counters and judge batch (the comparer's collecting and answering passes).</summary>
    public JudgeServices With(RunCounters otherCounters, JudgeBatch? otherBatch) => new(cache, pipeline, otherCounters, stamp, timeProvider, otherBatch);

    /// <summary>Asks a judge and returns its answer text; throws <see cref="JudgeAnswerException"/> when <paramref name="isValid"/> rejects it.</summary>
    public static async Task<string> AskAsync(
        JudgeServices? services,
        IChatClient judge,
        string purpose,
        Func<string, bool> isValid,
        IReadOnlyList<ChatMessage> messages,
        ChatOptions options,
        CancellationToken cancellationToken)
    {
        if (services is null)
        {
            var direct = await judge.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            return isValid(direct.Text) ? direct.Text : throw new JudgeAnswerException(direct.Text);
        }

        if (services.Batch is { Collecting: true } collecting && collecting.Handles(judge))
        {
            collecting.Collect(judge, messages, options);
            throw new JudgeDeferredException();
        }

        var identity = ModelIdentity.OfJudge(judge);
        ChatMessage[] copy = [.. messages];
        var key = AIJsonUtilities.HashDataToString([purpose, identity.Provider, identity.Endpoint, identity.ModelId, copy, options], AIJsonUtilities.DefaultOptions);
        var created = false;
        var lazy = services._answers.GetOrAdd(key, _ =>
        {
            created = true;
            return new Lazy<Task<string>>(() => services.FetchAsync(judge, identity, purpose, isValid, copy, options, cancellationToken));
        });
        if (!created)
        {
            services.Counters.JudgeCacheHit();
        }

        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            services._answers.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
            throw;
        }
    }

    /// <summary>Gets whether judge requests are being collected for the judge batch (their verdicts deferred, not failed).</summary>
    public bool IsCollecting => batch is { Collecting: true };

    private JudgeBatch? Batch => batch;

    private async Task<string> FetchAsync(
        IChatClient judge, ModelIdentity identity, string purpose, Func<string, bool> isValid, ChatMessage[] messages, ChatOptions options, CancellationToken cancellationToken)
    {
        var client = _clients.GetOrAdd((judge, purpose), _ => Build(judge, identity, purpose, isValid));
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (JudgeAnswerException)
        {
            // Thrown below the cache: the judge was called, and its answer is not kept.
            counters.JudgeCall();
            throw;
        }

        if (stamp.Read(response).Fresh)
        {
            counters.JudgeCall();
        }
        else
        {
            counters.JudgeCacheHit();
        }

        return response.Text;
    }

    private IChatClient Build(IChatClient judge, ModelIdentity identity, string purpose, Func<string, bool> isValid)
    {
        var builder = new ChatClientBuilder(batch is { Collecting: false } answering && answering.Handles(judge) ? answering.Answering(judge) : judge);
        if (cache is not null)
        {
            builder.UseDistributedCache(cache, caching => caching.CacheKeyAdditionalValues = ["ftk-judge-v2", purpose, identity.Provider ?? string.Empty, identity.ModelId ?? string.Empty]);
        }

        return builder
            .Use(inner => new ValidatingChatClient(inner, isValid))
            .Use(inner => new ResilientChatClient(inner, pipeline))
            .Use(inner => new MeasuringChatClient(inner, stamp, timeProvider))
            .Build();
    }
}
