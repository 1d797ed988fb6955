namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Computes the delay before the next poll of a job from its status, the service's <c>estimated_finish</c> and how
/// many polls saw no change. A pure function of its inputs (time comes from the caller's <see cref="TimeProvider"/>).
/// </summary>
internal static class PollingCadence
{
    /// <summary>Returns the next delay: never negative, never below <see cref="FineTunePollingOptions.MinInterval"/>.</summary>
    /// <param name="options">The cadence settings.</param>
    /// <param name="status">The job's status.</param>
    /// <param name="now">The current time.</param>
    /// <param name="estimatedFinish">The service's estimate, or <see langword="null"/>.</param>
    /// <param name="unchangedPolls">How many polls in a row saw the same status (0 after a change).</param>
    /// <param name="overduePolls">How many polls in a row came after <paramref name="estimatedFinish"/>.</param>
    public static TimeSpan NextDelay(FineTunePollingOptions options, FineTuneJobStatus status, DateTimeOffset now, DateTimeOffset? estimatedFinish, int unchangedPolls, int overduePolls)
    {
        var max = options.MaxInterval > options.MinInterval ? options.MaxInterval : options.MinInterval;
        TimeSpan delay;
        if (status.IsTerminal)
        {
            delay = TimeSpan.Zero;
        }
        else if (status.IsWaiting)
        {
            delay = Scale(options.QueuedInterval, options.QueuedBackoffFactor, unchangedPolls, max);
        }
        else if (status == FineTuneJobStatus.Paused)
        {
            delay = max;
        }
        else if (estimatedFinish is { } finish)
        {
            var remaining = finish - now;
            if (remaining > options.FinishWindow)
            {
                // Halve the remaining time (a hedge against an early finish), but sleep no further than the start of
                // the finish window, and report progress at least every MaxInterval.
                var half = TimeSpan.FromTicks(remaining.Ticks / 2);
                var untilWindow = remaining - options.FinishWindow;
                delay = half > options.FinishWindow ? half : options.FinishWindow;
                delay = delay < untilWindow ? delay : untilWindow;
            }
            else if (remaining > TimeSpan.Zero)
            {
                delay = options.FinishInterval;
            }
            else
            {
                delay = Scale(options.FinishInterval, options.OverdueBackoffFactor, overduePolls, max);
            }
        }
        else
        {
            delay = options.RunningInterval;
        }

        if (delay > max)
        {
            delay = max;
        }

        return delay < options.MinInterval ? options.MinInterval : delay;
    }

    private static TimeSpan Scale(TimeSpan start, double factor, int times, TimeSpan max)
    {
        var ticks = start.Ticks * Math.Pow(Math.Max(factor, 1.0), Math.Clamp(times, 0, 64));
        return double.IsFinite(ticks) && ticks < max.Ticks ? TimeSpan.FromTicks((long)ticks) : max;
    }
}
