using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// Chat middleware that answers a comparison's requests from its batch results: the request is written with the same
/// body as in the request file, so its key (and <c>custom_id</c>) finds its own result; the answer then goes through the
/// same scoring, journal and report as a live one. A request whose line failed is an error of its case, or is sent
/// live to the inner client when failed requests are retried live.
/// </summary>
internal sealed class BatchAnsweredChatClient : DelegatingChatClient
{
    private readonly string _modelId;
    private readonly BatchAnswerStore _store;
    private readonly bool _retryLive;
    private readonly bool _countOccurrences;
    private readonly ConcurrentDictionary<UInt128, int> _occurrences = new();

    /// <param name="inner">The model's live client (asked when failed requests are retried live).</param>
    /// <param name="modelId">The model id of the request bodies.</param>
    /// <param name="store">The batch results.</param>
    /// <param name="retryLive">Whether a failed line is asked live.</param>
    /// <param name="countOccurrences">
    /// Whether identical requests are distinct lines (a model's repeats with the same seed); judges send each distinct
    /// request once, so their lines are always the first occurrence.
    /// </param>
    public BatchAnsweredChatClient(IChatClient inner, string modelId, BatchAnswerStore store, bool retryLive, bool countOccurrences = true)
        : base(inner)
    {
        _countOccurrences = countOccurrences;
        _modelId = modelId;
        _store = store;
        _retryLive = retryLive;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var key = BatchRequestBody.Key(_modelId, list, options);
        // Keyed by the key's 128 bits rather than its text: one small entry per request of a large suite.
        var occurrence = _countOccurrences
            ? _occurrences.AddOrUpdate(BatchRequestBody.ParseKey(key), 0, static (_, seen) => seen + 1)
            : 0;
        var answer = _store.Find(BatchInputWriter.CustomId(key, occurrence));
        if (answer is { Error: null })
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
            {
                ModelId = _modelId,
                Usage = new UsageDetails
                {
                    InputTokenCount = answer.InputTokens,
                    OutputTokenCount = answer.OutputTokens,
                    TotalTokenCount = answer.InputTokens + answer.OutputTokens,
                },
            };
        }

        if (_retryLive)
        {
            return await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }

        throw new BatchRequestFailedException(answer?.Error ?? _store.MissingReason ?? "the batch returned no result for this request");
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
