using System.Collections.Concurrent;
using FineTuning.Toolkit.Comparison.Execution;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// Runs the requests of the models in batch mode through the provider's Batch API and hands the comparer models whose
/// clients answer from the results, so scoring, journal and report are the same as for live answers. The requests
/// (cases × repeats × models) are streamed into request files within the provider's limits, uploaded, submitted as
/// batches (several in flight, each journaled before it is created so a restart re-attaches instead of submitting
/// again), watched on the jobs' cadence, and their output and error files streamed back into a store by <c>custom_id</c>.
/// </summary>
internal sealed class BatchExecutor
{
    private readonly TestSuite _suite;
    private readonly ModelComparerOptions _options;
    private readonly BatchComparisonOptions _batch;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IProgress<ComparisonProgress>? _progress;
    private readonly BatchAnswerStore _store = new();
    private readonly ConcurrentDictionary<string, BatchSnapshot> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _doneByBatch = new(StringComparer.Ordinal);
    private readonly string _directory;
    private int _total;

    private BatchExecutor(TestSuite suite, ModelComparerOptions options, TimeProvider timeProvider, ILogger logger, IProgress<ComparisonProgress>? progress)
    {
        _suite = suite;
        _options = options;
        _batch = options.Batch ?? throw new InvalidOperationException("ModelComparerOptions.Batch must not be null in batch mode.");
        _timeProvider = timeProvider;
        _logger = logger;
        _progress = progress;
        _directory = _batch.WorkingDirectory ?? Path.GetTempPath();
    }

    /// <summary>
    /// Returns the models to compare: unchanged for live models; for batch models, the same model answered from its
    /// batch results (priced at batch prices). Without batch models nothing is sent and the models are returned as is.
    /// Dispose the session after the comparison: it holds the downloaded result files.
    /// </summary>
    public static async Task<BatchSession> PrepareAsync(
        TestSuite suite, IReadOnlyList<ModelUnderTest> models, ModelComparerOptions options, TimeProvider timeProvider, ILogger logger, IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        var batchModels = models.Where(m => (m.Execution ?? options.Execution) == ComparisonExecutionMode.Batch).ToList();
        if (batchModels.Count == 0)
        {
            return new BatchSession(models, null);
        }

        var executor = new BatchExecutor(suite, options, timeProvider, logger, progress);
        var modelIds = batchModels.ToDictionary(m => m.Name, ModelId, StringComparer.Ordinal);
        try
        {
            await executor.RunAsync(executor.Requests(batchModels, modelIds), batchModels.Count, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            executor._store.Dispose();
            throw;
        }

        var retryLive = executor._batch.RetryFailedRequests == ComparisonExecutionMode.Live;
        return new BatchSession(Wrap(models, modelIds, executor, retryLive), executor._store);
    }

    /// <summary>
    /// Sends the judges' requests as a second batch (with the same journal, splitting, re-attachment and follow-up rules as
    /// the answers) and returns the store of its results; dispose it after the comparison.
    /// </summary>
    public static async Task<BatchAnswerStore> RunJudgeAsync(
        TestSuite suite, JudgeBatch judges, ModelComparerOptions options, TimeProvider timeProvider, ILogger logger, IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        var executor = new BatchExecutor(suite, options, timeProvider, logger, progress);
        try
        {
            var requests = judges.Requests.ToList();
            await executor.RunAsync(requests, requests.Select(r => r.ModelId).Distinct(StringComparer.Ordinal).Count(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            executor._store.Dispose();
            throw;
        }

        return executor._store;
    }

    private static List<ModelUnderTest> Wrap(IReadOnlyList<ModelUnderTest> models, Dictionary<string, string> modelIds, BatchExecutor executor, bool retryLive) =>
        models.Select(m => modelIds.TryGetValue(m.Name, out var id)
            ? new ModelUnderTest(m.Name, new BatchAnsweredChatClient(m.Client, id, executor._store, retryLive))
            {
                // The report prices the model's answers at its batch price (ModelPrice.BatchDiscount off).
                Pricing = m.Pricing is { } p ? p with { InputPerMillionTokens = p.InputPerMillionTokens * (1 - p.BatchDiscount), OutputPerMillionTokens = p.OutputPerMillionTokens * (1 - p.BatchDiscount), BatchDiscount = 0 } : null,
                TrainingMetrics = m.TrainingMetrics,
                Execution = ComparisonExecutionMode.Batch,
                ModelId = m.ModelId,
            }
            : m).ToList();

    /// <summary>The model id sent in the request bodies: the model's, else the client's default model, else the display name.</summary>
    internal static string ModelId(ModelUnderTest model) => model.ModelId ?? model.Client.GetService<ChatClientMetadata>()?.DefaultModelId ?? model.Name;

    private async Task RunAsync(IEnumerable<BatchRequest> requests, int modelCount, CancellationToken cancellationToken)
    {
        var client = BatchServiceClient.Create(_batch.Connection ?? new FineTuneJobRunnerOptions(), _timeProvider, _logger, out var capabilities);
        var watcher = new BatchWatcher(client, _batch.Connection?.Polling ?? new FineTunePollingOptions(), _timeProvider, _logger);

        // The options' limits, within the provider's documented ones (Together takes 100 MB files, OpenAI 200 MB).
        var writer = new BatchInputWriter(
            _directory,
            Math.Min(_batch.MaxRequestsPerBatch, capabilities.MaxBatchRequests ?? int.MaxValue),
            Math.Min(_batch.MaxBytesPerBatch, capabilities.MaxBatchFileBytes ?? long.MaxValue),
            client.LineShape);
        using var journal = BatchJournal.Open(_batch.JournalPath);
        try
        {
            await RoundAsync(await writer.WriteAsync(requests, null, cancellationToken).ConfigureAwait(false), modelCount, client, watcher, journal, cancellationToken).ConfigureAwait(false);
            if (_batch.RetryFailedRequests == ComparisonExecutionMode.Batch)
            {
                var retry = await writer.WriteAsync(requests, _store.NeedsRetry, cancellationToken).ConfigureAwait(false);
                await RoundAsync(retry, modelCount, client, watcher, journal, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && _batch.CancelBatchesOnAbandon)
        {
            foreach (var batch in _inFlight.Values)
            {
                Log.BatchCancelling(_logger, batch.Id);
                try
                {
                    await client.CancelAsync(batch.Id, CancellationToken.None).ConfigureAwait(false);
                }
                catch (FineTuneApiException)
                {
                    // It may have ended meanwhile; the abandonment is reported either way.
                }
            }

            throw;
        }
    }

    /// <summary>Every request of the batch models, in the order the comparer asks them: case, repeat, model.</summary>
    private IEnumerable<BatchRequest> Requests(List<ModelUnderTest> models, Dictionary<string, string> modelIds)
    {
        foreach (var testCase in _suite.Cases)
        {
            var messages = RunContext.BuildMessages(testCase, testCase.SystemPrompt ?? _suite.SystemPrompt ?? _options.SystemPrompt);
            for (var repeat = 0; repeat < _options.Repeats; repeat++)
            {
                var chatOptions = RunContext.BuildChatOptions(_options, repeat);
                foreach (var model in models)
                {
                    yield return new BatchRequest(modelIds[model.Name], messages, chatOptions);
                }
            }
        }
    }

    private async Task RoundAsync(List<BatchChunk> chunks, int modelCount, BatchServiceClient client, BatchWatcher watcher, BatchJournal journal, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }

        _total = chunks.Sum(c => c.Count);
        lock (_doneByBatch)
        {
            _doneByBatch.Clear();
        }

        Log.BatchRoundStarted(_logger, _total, modelCount, chunks.Count);
        try
        {
            await Parallel.ForEachAsync(
                chunks,
                new ParallelOptions { MaxDegreeOfParallelism = _batch.MaxBatchesInFlight, CancellationToken = cancellationToken },
                async (chunk, token) => await ProcessAsync(chunk, client, watcher, journal, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var chunk in chunks)
            {
                File.Delete(chunk.Path);
            }
        }
    }

    private async Task ProcessAsync(BatchChunk chunk, BatchServiceClient client, BatchWatcher watcher, BatchJournal journal, CancellationToken cancellationToken)
    {
        var batch = await SubmitOrAttachAsync(chunk, client, journal, cancellationToken).ConfigureAwait(false);
        _inFlight[batch.Id] = batch;
        batch = await watcher.WatchAsync(batch, Report, cancellationToken).ConfigureAwait(false);
        var answers = 0;
        var errors = 0;
        if (batch.OutputFileId is { } output)
        {
            var stream = await client.OpenContentAsync(output, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                answers = await BatchResultReader.ReadAsync(stream, _store, _directory, cancellationToken).ConfigureAwait(false);
            }
        }

        if (batch.ErrorFileId is { } error)
        {
            var stream = await client.OpenContentAsync(error, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                errors = await BatchResultReader.ReadAsync(stream, _store, _directory, cancellationToken).ConfigureAwait(false);
            }
        }

        if (answers + errors < chunk.Count)
        {
            _store.MissingReason = $"batch {batch.Id} ended '{batch.Status}' without a result for this request";
        }

        _inFlight.TryRemove(batch.Id, out _);
        await journal.WriteAsync(new BatchJournalEntry(chunk.Hash, "done", batch.InputFileId, batch.Id), cancellationToken).ConfigureAwait(false);
        Log.BatchFinished(_logger, batch.Id, batch.Status, answers, errors);
    }

    /// <summary>Re-attaches to the batch the journal knows for this request file, or uploads it and creates one (journaled first).</summary>
    private async Task<BatchSnapshot> SubmitOrAttachAsync(BatchChunk chunk, BatchServiceClient client, BatchJournal journal, CancellationToken cancellationToken)
    {
        var entry = journal.Find(chunk.Hash);
        BatchSnapshot? batch = null;
        if (entry?.BatchId is { } known)
        {
            try
            {
                batch = await client.GetAsync(known, chunk.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (FineTuneApiException ex) when (ex.StatusCode == 404)
            {
                // The service no longer knows the journaled batch (deleted, another account): submit the file again.
                entry = null;
            }
        }
        else if (entry is not null)
        {
            // The intent was journaled but the create response never arrived: the batch may exist, tagged with this file's hash.
            batch = await client.FindBatchAsync(chunk, entry.FileId, resilient: true, cancellationToken).ConfigureAwait(false);
        }

        if (batch is not null)
        {
            Log.BatchAttached(_logger, batch.Id, chunk.Hash, batch.Status);
            if (entry?.BatchId is null)
            {
                await journal.WriteAsync(new BatchJournalEntry(chunk.Hash, "created", batch.InputFileId, batch.Id), cancellationToken).ConfigureAwait(false);
            }

            return batch;
        }

        var fileId = entry?.FileId ?? await client.UploadAsync(chunk, cancellationToken).ConfigureAwait(false);
        await journal.WriteAsync(new BatchJournalEntry(chunk.Hash, "submitting", fileId, null), cancellationToken).ConfigureAwait(false);
        batch = await client.CreateAsync(chunk, fileId, cancellationToken).ConfigureAwait(false);
        await journal.WriteAsync(new BatchJournalEntry(chunk.Hash, "created", fileId, batch.Id), cancellationToken).ConfigureAwait(false);
        Log.BatchCreated(_logger, batch.Id, chunk.Hash, chunk.Count);
        return batch;
    }

    private void Report(BatchSnapshot batch)
    {
        _inFlight[batch.Id] = batch;
        lock (_doneByBatch)
        {
            // Under a lock so that reports from batches watched in parallel arrive in order.
            _doneByBatch[batch.Id] = batch.Completed + batch.Failed;
            _progress?.Report(new ComparisonProgress { Completed = _doneByBatch.Values.Sum(), Total = _total, Model = "batch", CaseId = batch.Id });
        }
    }
}
