using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows its pending timers, so a test can jump exactly to the next wake-up of the
/// code under test (a poll delay, a retry backoff) instead of moving time in guessed steps while real work runs.
/// </summary>
internal sealed class SteppingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentDictionary<TrackedTimer, DateTimeOffset> _pending = new();

    public SteppingTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Gets or sets the longest timer treated as a wake-up; longer ones (attempt timeouts) are ignored.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets or sets a value indicating whether time stands still while an HTTP request of this process is in flight, so a
    /// per-attempt timeout cannot fire just because the machine is slow to answer a real loopback call.
    /// </summary>
    public bool HoldWhileHttpInFlight { get; set; }

    /// <summary>Gets the earliest pending wake-up after now, or <see langword="null"/> when the code under test is not waiting.</summary>
    public DateTimeOffset? NextWakeUp
    {
        get
        {
            var now = GetUtcNow();
            DateTimeOffset? next = null;
            foreach (var due in _pending.Values)
            {
                if (due > now && due - now <= Horizon && (next is null || due < next))
                {
                    next = due;
                }
            }

            return next;
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/> to completion, moving fake time only while the code under test waits on a timer, and
    /// then exactly to that timer's due time. Real time passes only in 1 ms yields; no real waits.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan? limit = null)
    {
        var end = GetUtcNow() + (limit ?? TimeSpan.FromHours(3));
        var idle = 0;
        while (!task.IsCompleted)
        {
            await Task.Delay(1);
            if (task.IsCompleted)
            {
                break;
            }

            if (HoldWhileHttpInFlight && HttpRequestsInFlight.Count > 0)
            {
                continue;
            }

            if (NextWakeUp is not { } next)
            {
                // Busy with real work (HTTP, hashing): let it run. A very long stall means a bug, not slowness.
                if (++idle > 60_000)
                {
                    throw new TimeoutException("The code under test neither finished nor waited on a timer.");
                }

                continue;
            }

            idle = 0;
            if (next > end)
            {
                throw new TimeoutException($"The operation did not finish within {limit ?? TimeSpan.FromHours(3)} of fake time.");
            }

            Advance(next - GetUtcNow());
        }

        return await task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Inner = base.CreateTimer(callback, state, dueTime, period);
        tracked.Schedule(dueTime);
        return tracked;
    }

    private sealed class TrackedTimer(SteppingTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public void Schedule(TimeSpan dueTime)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                owner._pending.TryRemove(this, out _);
            }
            else
            {
                owner._pending[this] = owner.GetUtcNow() + dueTime;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner._pending.TryRemove(this, out _);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner._pending.TryRemove(this, out _);
            return Inner.DisposeAsync();
        }
    }
}
