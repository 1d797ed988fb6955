using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// Polls a batch until it ends, on the jobs' cadence (<see cref="PollingCadence"/>, through the <see cref="TimeProvider"/>):
/// quick while validating, then paced by an estimate of the finish drawn from the rate of <c>request_counts</c>.
/// </summary>
internal sealed class BatchWatcher(BatchServiceClient client, FineTunePollingOptions polling, TimeProvider timeProvider, ILogger logger)
{
    private readonly BatchServiceClient _client = client;
    private readonly FineTunePollingOptions _polling = polling;
    private readonly TimeProvider _timeProvider = timeProvider;
    private readonly ILogger _logger = logger;

    public async Task<BatchSnapshot> WatchAsync(BatchSnapshot batch, Action<BatchSnapshot> progress, CancellationToken cancellationToken)
    {
        int unchanged = 0, overdue = 0;
        while (true)
        {
            progress(batch);
            if (batch.IsTerminal)
            {
                return batch;
            }

            var now = _timeProvider.GetUtcNow();
            var finish = EstimateFinish(batch, now);
            overdue = finish is { } f && now > f ? overdue + 1 : 0;
            var delay = PollingCadence.NextDelay(_polling, batch.JobStatus, now, finish, unchanged, overdue);
            Log.BatchPolled(_logger, batch.Id, batch.Status, batch.Completed, batch.Failed, batch.Total, delay);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            var next = await _client.GetAsync(batch.Id, batch.Total, cancellationToken).ConfigureAwait(false);
            unchanged = next.Status == batch.Status && next.Completed + next.Failed == batch.Completed + batch.Failed ? unchanged + 1 : 0;
            batch = next;
        }
    }

    /// <summary>When the batch should end at the rate its requests have completed so far, or <see langword="null"/> before any has.</summary>
    internal static DateTimeOffset? EstimateFinish(BatchSnapshot batch, DateTimeOffset now)
    {
        var done = batch.Completed + batch.Failed;
        if (batch.Status != "in_progress" || batch.InProgressAt is not { } started || done <= 0 || now <= started || batch.Total <= 0)
        {
            return null;
        }

        var perRequest = (now - started) / done;
        return now + (perRequest * (batch.Total - done));
    }
}
