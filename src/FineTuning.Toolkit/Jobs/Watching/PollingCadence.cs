namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Computes the delay before the next poll of a job from its status, the service's <c>estimated_finish</c> and how
/// many polls saw no change. A pure function of its inputs (time comes from the caller's <see cref="TimeProvider"/>).
/// </summary>
internal static class PollingCadence
{
    /// <summary>How many polls after <c>estimated_finish</c> keep the finish interval before backing off.</summary>
    public const int OverdueGracePolls = 3;

    /// <summary>The resolution of <c>estimated_finish</c> (Unix seconds).</summary>
    public static readonly TimeSpan EstimateResolution = TimeSpan.FromSeconds(1);

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
            // Quick at first; a long queue backs off, but never beyond the running cadence.
            var cap = options.RunningInterval < max ? options.RunningInterval : max;
            delay = Scale(options.QueuedInterval, options.QueuedBackoffFactor, unchangedPolls, cap);
        }
        else if (status == FineTuneJobStatus.Paused)
        {
            delay = max;
        }
        else if (estimatedFinish is { } finish)
        {
            // estimated_finish has whole-second resolution: the job may end up to a second after it, so aim at the end of that second.
            var remaining = finish + EstimateResolution - now;
            if (remaining > options.FinishWindow)
            {
                var untilWindow = remaining - options.FinishWindow;
                if (remaining > max * 2)
                {
                    // Far away: report progress every MaxInterval.
                    delay = max;
                }
                else if (remaining > max / 4)
                {
                    // Closer: halve the remaining time, a hedge against a job that finishes before its estimate.
                    delay = TimeSpan.FromTicks(remaining.Ticks / 2);
                }
                else
                {
                    // Close: sleep to the start of the finish window.
                    delay = untilWindow;
                }

                delay = delay < untilWindow ? delay : untilWindow;
            }
            else if (remaining > TimeSpan.Zero)
            {
                delay = options.FinishInterval;
            }
            else
            {
                // Overdue: estimates are rounded to seconds, so keep FinishInterval for a few polls; after that the estimate
                // was wrong, so back off so that a bad estimate cannot cause a flood of requests.
                delay = Scale(options.FinishInterval, options.OverdueBackoffFactor, Math.Max(overduePolls - OverdueGracePolls, 0), max);
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

    /// <summary>The next wait while an uploaded file is processed: doubled each time, up to 10 seconds (or the configured start when it is longer).</summary>
    public static TimeSpan NextFileDelay(TimeSpan delay)
    {
        var max = TimeSpan.FromSeconds(10);
        return delay * 2 < max ? delay * 2 : (delay > max ? delay : max);
    }

    private static TimeSpan Scale(TimeSpan start, double factor, int times, TimeSpan max)
    {
        var ticks = start.Ticks * Math.Pow(Math.Max(factor, 1.0), Math.Clamp(times, 0, 64));
        return double.IsFinite(ticks) && ticks < max.Ticks ? TimeSpan.FromTicks((long)ticks) : max;
    }
}
