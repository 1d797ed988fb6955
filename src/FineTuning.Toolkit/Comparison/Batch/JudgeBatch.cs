using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// The judges of a comparison that are asked through the Batch API. A judge is in batch mode when the model under test
/// with the same client says so (<see cref="ModelUnderTest.Execution"/>), else when the comparer's
/// <see cref="ModelComparerOptions.Execution"/> does. Their requests are first collected (while answers are scored with
/// the judges deferred) into a <see cref="JudgeRequestSpool"/> on disk, read back in a deterministic order so the request
/// files — and the journal's hashes — are the same on a restart, then sent as a second batch; the judges finally answer
/// from its results.
/// </summary>
internal sealed class JudgeBatch : IDisposable
{
    private readonly Dictionary<IChatClient, string> _modelIds;
    private readonly JudgeRequestSpool _requests;
    private BatchAnswerStore? _store;
    private bool _retryLive;

    private JudgeBatch(Dictionary<IChatClient, string> modelIds, string? directory)
    {
        _modelIds = modelIds;
        _requests = new JudgeRequestSpool(directory);
    }

    /// <summary>Gets whether requests are being collected (true) or answered from the batch results (false).</summary>
    public bool Collecting => _store is null;

    /// <summary>Gets how many distinct judge requests were collected.</summary>
    public int Count => _requests.Count;

    /// <summary>Gets the number of judge models in batch mode.</summary>
    public int ModelCount => _modelIds.Values.Distinct(StringComparer.Ordinal).Count();

    /// <summary>
    /// Gets the collected requests, ordered by their body key so that the request files do not depend on timing; each
    /// enumeration reads them from disk again.
    /// </summary>
    public IEnumerable<BatchRequest> Requests => _requests.Read();

    /// <summary>Returns the judges in batch mode, or <see langword="null"/> when every judge is asked live.</summary>
    /// <exception cref="InvalidOperationException">A judge in batch mode has no model id to put in its requests.</exception>
    public static JudgeBatch? For(ModelComparerOptions options, IReadOnlyList<ModelUnderTest> models)
    {
        var judges = options.Scorers.OfType<RubricJudgeScorer>().Select(s => s.Judge);
        if (options.PairwiseJudge is { } pairwise)
        {
            judges = judges.Append(pairwise.Judge);
        }

        var modelIds = new Dictionary<IChatClient, string>(ReferenceEqualityComparer.Instance);
        foreach (var judge in judges.Distinct(ReferenceEqualityComparer.Instance).Cast<IChatClient>())
        {
            var mode = models.FirstOrDefault(m => ReferenceEquals(m.Client, judge))?.Execution ?? options.Execution;
            if (mode == ComparisonExecutionMode.Batch)
            {
                modelIds[judge] = judge.GetService<ChatClientMetadata>()?.DefaultModelId
                    ?? throw new InvalidOperationException("A judge asked in batch mode needs a model id (ChatClientMetadata.DefaultModelId) for its batch requests.");
            }
        }

        return modelIds.Count == 0 ? null : new JudgeBatch(modelIds, options.Batch?.WorkingDirectory);
    }

    /// <summary>Whether <paramref name="judge"/> is asked through the batch.</summary>
    public bool Handles(IChatClient judge) => _modelIds.ContainsKey(judge);

    /// <summary>Collects a judge request (identical requests once: the judge is asked each distinct request once per run).</summary>
    public void Collect(IChatClient judge, IReadOnlyList<ChatMessage> messages, ChatOptions options)
    {
        _requests.Add(new BatchRequest(_modelIds[judge], messages, options));
    }

    /// <summary>Switches from collecting to answering from the judge batch's results.</summary>
    public void AnswerFrom(BatchAnswerStore store, bool retryLive)
    {
        _store = store;
        _retryLive = retryLive;
        _requests.Dispose();
    }

    public void Dispose() => _requests.Dispose();

    /// <summary>The judge's client that answers from the batch results (a failed line throws, or is asked live when failed requests are retried live).</summary>
    public IChatClient Answering(IChatClient judge) =>
        new BatchAnsweredChatClient(judge, _modelIds[judge], _store ?? throw new InvalidOperationException("The judge batch has not run."), _retryLive, countOccurrences: false);
}
