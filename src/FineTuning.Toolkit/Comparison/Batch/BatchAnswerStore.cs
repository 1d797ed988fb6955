using System.Collections.Concurrent;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>The results of a comparison's batches by <c>custom_id</c>; an answer replaces an earlier failure of the same request.</summary>
internal sealed class BatchAnswerStore
{
    private readonly ConcurrentDictionary<string, BatchAnswer> _answers = new(StringComparer.Ordinal);

    /// <summary>Gets why requests without a result have none (the last batch that failed as a whole), or <see langword="null"/>.</summary>
    public string? MissingReason { get; set; }

    public int Count => _answers.Count;

    public void Add(string customId, BatchAnswer answer) =>
        _answers.AddOrUpdate(customId, answer, (_, existing) => answer.Error is not null && existing.Error is null ? existing : answer);

    /// <summary>Whether a request has no answer yet (it failed, expired, or its batch returned nothing).</summary>
    public bool NeedsRetry(string customId) => !_answers.TryGetValue(customId, out var answer) || answer.Error is not null;

    /// <summary>Takes a request's result out of the store (the report keeps the answer; the store need not).</summary>
    public BatchAnswer? Take(string customId) => _answers.TryRemove(customId, out var answer) ? answer : null;
}
