namespace FineTuning.Toolkit.Testing;

/// <summary>A timer of <see cref="EmulatorClock"/>: due in simulated time, fired by the scaled real clock or by
/// <see cref="EmulatorClock.Advance(TimeSpan)"/>, whichever comes first, and never twice for the same due time.</summary>
internal sealed class SimulatedTimer : ITimer
{
    private readonly EmulatorClock _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly object _gate = new();
    private ITimer? _realTimer;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private long _generation;
    private bool _disposed;

    public SimulatedTimer(EmulatorClock clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        _callback = callback;
        _state = state;
    }

    public DateTimeOffset? DueAt { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _period = period;
            Schedule(dueTime);
        }

        return true;
    }

    public bool FireIfDue(DateTimeOffset now)
    {
        long generation;
        lock (_gate)
        {
            if (_disposed || DueAt is not { } due || due > now)
            {
                return false;
            }

            generation = _generation;
        }

        return Fire(generation);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            DueAt = null;
            _realTimer?.Dispose();
            _realTimer = null;
        }

        _clock.Unregister(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private bool Fire(long generation)
    {
        bool finished;
        lock (_gate)
        {
            if (_disposed || generation != _generation || DueAt is null)
            {
                return false;
            }

            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                _generation++;
                DueAt = null;
                _realTimer?.Dispose();
                _realTimer = null;
            }
            else
            {
                // From the previous due time, not from now, so a large Advance fires once per period crossed.
                Schedule(_period, DueAt);
            }

            finished = DueAt is null;
        }

        if (finished)
        {
            _clock.Unregister(this);
        }

        _callback(_state);
        return true;
    }

    // Callers hold _gate.
    private void Schedule(TimeSpan dueTime, DateTimeOffset? from = null)
    {
        _generation++;
        _realTimer?.Dispose();
        _realTimer = null;
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            DueAt = null;
            _clock.Unregister(this);
            return;
        }

        var now = _clock.GetUtcNow();
        DueAt = (from ?? now) + dueTime;
        _clock.Register(this);
        if (_clock.SpeedFactor > 0)
        {
            var generation = _generation;
            var remaining = DueAt.Value - now;
            var realDue = remaining <= TimeSpan.Zero
                ? TimeSpan.Zero
                : TimeSpan.FromTicks((long)Math.Min(remaining.Ticks / _clock.SpeedFactor, TimeSpan.FromDays(30).Ticks));
            _realTimer = _clock.BaseClock.CreateTimer(_ => Fire(generation), null, realDue, Timeout.InfiniteTimeSpan);
        }
    }
}
