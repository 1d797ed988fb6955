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
