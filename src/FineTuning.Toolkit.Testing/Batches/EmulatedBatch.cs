using System.Collections;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// A batch and its simulated timeline. Nothing runs in the background: <see cref="Advance"/> replays every status change
/// due by the given time (validating → in_progress → finalizing → completed, or expired, failed, cancelling → cancelled)
/// when a request arrives; requests complete evenly while in progress.
/// </summary>
internal sealed class EmulatedBatch
{
    public required string Id { get; init; }

    public required string InputFileId { get; init; }

    public required string Endpoint { get; init; }

    public required string CompletionWindow { get; init; }

    public required JsonObject? Metadata { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required EmulatorBatchOptions Options { get; init; }

    /// <summary>Gets the validation errors (the batch fails once validated), or <see langword="null"/>.</summary>
    public required JsonArray? Errors { get; init; }

    /// <summary>Gets, per request line, whether it fails (a server error, an unknown model).</summary>
    public required BitArray Failing { get; init; }

    public int Total => Failing.Length;

    public string Status { get; private set; } = "validating";

    public DateTimeOffset? InProgressAt { get; private set; }

    public DateTimeOffset? FinalizingAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    public DateTimeOffset? CancellingAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    public JsonObject? Usage { get; set; }

    /// <summary>Gets how many requests had finished when processing stopped (all of them unless expired or cancelled).</summary>
    public int Processed { get; private set; }

    public DateTimeOffset ExpiresAt => CreatedAt + Options.CompletionWindow;

    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";

    /// <summary>Moves the batch through every transition due by <paramref name="now"/>; <paramref name="finish"/> writes
    /// the output and error files when processing ends.</summary>
    public void Advance(DateTimeOffset now, Action<EmulatedBatch> finish)
    {
        var validatedAt = CreatedAt + Options.ValidationDuration;
        if (Status == "validating" && now >= validatedAt)
        {
            if (Errors is not null)
            {
                Status = "failed";
                FailedAt = validatedAt;
                return;
            }

            Status = "in_progress";
            InProgressAt = validatedAt;
        }

        if (Status == "in_progress")
        {
            var end = InProgressAt!.Value + Options.ProcessingDuration;
            if (end > ExpiresAt && now >= ExpiresAt)
            {
                Processed = DoneBy(ExpiresAt);
                Status = "expired";
                ExpiredAt = ExpiresAt;
                finish(this);
                return;
            }

            if (end <= ExpiresAt && now >= end)
            {
                Processed = Total;
                Status = "finalizing";
                FinalizingAt = end;
            }
        }

        if (Status == "finalizing" && now >= FinalizingAt!.Value + Options.FinalizingDuration)
        {
            Status = "completed";
            CompletedAt = FinalizingAt.Value + Options.FinalizingDuration;
            finish(this);
        }

        if (Status == "cancelling" && now >= CancellingAt!.Value + Options.FinalizingDuration)
        {
            Status = "cancelled";
            CancelledAt = CancellingAt.Value + Options.FinalizingDuration;
            finish(this);
        }
    }

    /// <summary>Starts cancelling; returns <see langword="false"/> when the batch already ended.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return false;
        }

        if (Status is "validating" or "in_progress")
        {
            Processed = Status == "validating" ? 0 : DoneBy(now);
            Status = "cancelling";
            CancellingAt = now;
        }

        return true;
    }

    /// <summary>The request counts at <paramref name="now"/>: requests finish in file order while in progress.</summary>
    public (int Completed, int Failed) Counts(DateTimeOffset now)
    {
        var done = Done(now);
        var failedDone = 0;
        for (var i = 0; i < done; i++)
        {
            failedDone += Failing[i] ? 1 : 0;
        }

        // Requests that never ran in an expired or cancelled batch count as failed, as the service reports them.
        var neverRan = Status is "expired" or "cancelled" ? Total - done : 0;
        return (done - failedDone, failedDone + neverRan);
    }

    /// <summary>How many requests have run by <paramref name="now"/> (in file order), whether they succeeded or failed.</summary>
    public int Done(DateTimeOffset now) => Status switch
    {
        "validating" or "failed" => 0,
        "in_progress" => DoneBy(now),
        "finalizing" => Total,
        _ => Processed,
    };

    private int DoneBy(DateTimeOffset time)
    {
        if (InProgressAt is not { } started || time <= started)
        {
            return 0;
        }

        var fraction = Options.ProcessingDuration <= TimeSpan.Zero ? 1 : (time - started) / Options.ProcessingDuration;
        return (int)Math.Min(Total, Math.Floor(Total * Math.Min(fraction, 1)));
    }
}
