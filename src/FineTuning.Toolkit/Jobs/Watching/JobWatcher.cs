using System.Runtime.CompilerServices;
using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Watches a job: adaptive polling through the <see cref="TimeProvider"/> (see <see cref="PollingCadence"/>), each event
/// once and oldest first, a progress report whenever something changed, and a last one when the job has ended.
/// </summary>
internal sealed class JobWatcher(IFineTuneService service, FineTunePollingOptions polling, TimeProvider timeProvider, ILogger logger)
{
    private readonly IFineTuneService _service = service;
    private readonly FineTunePollingOptions _polling = polling;
    private readonly TimeProvider _timeProvider = timeProvider;
    private readonly ILogger _logger = logger;

    public async IAsyncEnumerable<FineTuneProgress> WatchAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = Telemetry.ActivitySource.StartActivity("fine_tuning watch");
        activity?.SetTag("fine_tuning.job_id", jobId);
        var state = new WatchState();
        while (true)
        {
            var job = await _service.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
            var statusChanged = state.LastStatus != job.Status;
            var now = _timeProvider.GetTimestamp();
            var eventsDue = statusChanged || job.Status.IsTerminal || state.LastEventsFetch is not { } lastFetch
                || _timeProvider.GetElapsedTime(lastFetch, now) >= _polling.EventsInterval;
            IReadOnlyList<FineTuneEvent> fresh = [];
            if (eventsDue)
            {
                fresh = await _service.GetNewEventsAsync(jobId, state, _polling.EventsPageSize, cancellationToken).ConfigureAwait(false);
                state.LastEventsFetch = now;
            }

            foreach (var evt in fresh)
            {
                Log.JobEvent(_logger, jobId, evt.Message);
            }

            var estimateChanged = state.LastEstimatedFinish != job.EstimatedFinish;
            if (statusChanged)
            {
                Log.JobStatusChanged(_logger, jobId, job.Status.Value);
                state.UnchangedPolls = 0;
            }
            else
            {
                state.UnchangedPolls++;
            }

            state.LastStatus = job.Status;
            state.LastEstimatedFinish = job.EstimatedFinish;
            if (statusChanged || fresh.Count > 0 || estimateChanged || job.Status.IsTerminal)
            {
                yield return CreateProgress(job, state, fresh);
            }

            if (job.Status.IsTerminal)
            {
                yield break;
            }

            var utcNow = _timeProvider.GetUtcNow();
            state.OverduePolls = job.EstimatedFinish is { } finish && utcNow >= finish ? state.OverduePolls + 1 : 0;
            var delay = PollingCadence.NextDelay(_polling, job.Status, utcNow, job.EstimatedFinish, state.UnchangedPolls, Math.Max(state.OverduePolls - 1, 0));
            Log.NextPoll(_logger, jobId, delay, job.Status.Value);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private FineTuneProgress CreateProgress(FineTuneJob job, WatchState state, IReadOnlyList<FineTuneEvent> fresh)
    {
        TimeSpan? remaining = null;
        if (job.EstimatedFinish is { } finish && !job.Status.IsTerminal)
        {
            var left = finish - _timeProvider.GetUtcNow();
            remaining = left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return new FineTuneProgress
        {
            Stage = job.Status.IsTerminal ? FineTuneStage.Completed : FineTuneStage.Training,
            JobId = job.Id,
            Status = job.Status,
            Step = state.Step,
            TotalSteps = state.TotalSteps,
            TrainLoss = state.TrainLoss,
            ValidationLoss = state.ValidationLoss,
            EstimatedFinish = job.EstimatedFinish,
            EstimatedTimeRemaining = remaining,
            Message = state.Message.Length > 0 ? state.Message : $"Job {job.Id} is {job.Status}.",
            Job = job,
            NewEvents = fresh,
        };
    }
}
