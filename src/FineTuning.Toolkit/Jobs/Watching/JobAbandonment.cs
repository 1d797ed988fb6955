using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>What happens to a remote job when the caller stops waiting for it, the same on every provider.</summary>
internal static class JobAbandonment
{
    /// <summary>Cancels the remote job when asked to (within <paramref name="timeout"/>), else logs that it keeps running.</summary>
    public static async Task AbandonAsync(IFineTuneService service, ILogger logger, string jobId, bool cancelRemote, TimeSpan timeout, TimeProvider timeProvider)
    {
        if (!cancelRemote)
        {
            Log.AbandonedJobKeepsRunning(logger, jobId);
            return;
        }

        Log.CancellingAbandonedJob(logger, jobId);
        using var cts = new CancellationTokenSource(timeout, timeProvider);
        try
        {
            await service.ControlAsync(jobId, "cancel", cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FineTuneApiException or OperationCanceledException)
        {
            // The caller is already leaving with an OperationCanceledException; the failure to cancel is logged.
            Log.ApiFailed(logger, "cancel abandoned job", (ex as FineTuneApiException)?.StatusCode ?? 0, (ex as FineTuneApiException)?.ErrorCode);
        }
    }
}
