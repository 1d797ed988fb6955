namespace FineTuning.Toolkit.Testing;

/// <summary>
/// The emulator's simulated clock: a <see cref="TimeProvider"/> whose time runs <see cref="SpeedFactor"/> times faster
/// than an underlying real clock, and which tests can also move forward by hand with <see cref="Advance(TimeSpan)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every timestamp the emulator reports (<c>created_at</c>, <c>estimated_finish</c>, event times) and every state change
/// of a fine-tuning job (validating, queued, running, checkpoints, success) is computed from this clock, lazily, when a
/// request arrives. So a job with a simulated training time of twenty minutes finishes after one real second when the
/// speed factor is 1,200, and instantly after <c>Advance(TimeSpan.FromMinutes(20))</c>.
/// </para>
/// <para>
/// Clients can use the clock as their own <see cref="TimeProvider"/> so that they wait in simulated time too: timers
/// (and so <c>Task.Delay(delay, clock)</c>) fire after <c>delay / SpeedFactor</c> of real time, or as soon as
/// <see cref="Advance(TimeSpan)"/> moves the clock past them — a poller that waits 20 seconds between calls then
/// follows a 20-minute job in about a second. Timestamps (<see cref="GetTimestamp"/>) are simulated as well.
/// </para>
/// </remarks>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _baseClock;
    private readonly DateTimeOffset _simulatedStart;
    private readonly long _baseStartTimestamp;
    private readonly object _gate = new();
    private readonly List<SimulatedTimer> _timers = new();
    private TimeSpan _manualOffset;

    /// <summary>Initializes a new instance of the <see cref="EmulatorClock"/> class.</summary>
    /// <param name="baseClock">The real clock that drives simulated time (for example <see cref="TimeProvider.System"/> or a fake clock).</param>
    /// <param name="speedFactor">Simulated seconds per real second; 0 stops automatic progress so only <see cref="Advance(TimeSpan)"/> moves time.</param>
    /// <param name="start">The simulated time at the moment the clock is created.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speedFactor"/> is negative, infinite or not a number.</exception>
    public EmulatorClock(TimeProvider baseClock, double speedFactor, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(baseClock);
        if (double.IsNaN(speedFactor) || double.IsInfinity(speedFactor) || speedFactor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speedFactor), speedFactor, "The speed factor must be a finite number of zero or more.");
        }

        _baseClock = baseClock;
        SpeedFactor = speedFactor;
        _simulatedStart = start;
        _baseStartTimestamp = baseClock.GetTimestamp();
    }

    /// <summary>Gets the number of simulated seconds that pass per real second of the underlying clock.</summary>
    public double SpeedFactor { get; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    internal TimeProvider BaseClock => _baseClock;

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimulatedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var realElapsed = _baseClock.GetElapsedTime(_baseStartTimestamp);
        var simulatedTicks = realElapsed.Ticks * SpeedFactor;
        lock (_gate)
        {
            return _simulatedStart + TimeSpan.FromTicks((long)Math.Min(simulatedTicks, TimeSpan.MaxValue.Ticks / 4)) + _manualOffset;
        }
    }

    /// <summary>Moves simulated time forward by <paramref name="delta"/>, on top of the automatic progress.</summary>
    /// <param name="delta">How far to move; must not be negative (the clock never goes back).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _manualOffset += delta;
        }

        FireDueTimers();
    }

    internal void Register(SimulatedTimer timer)
    {
        lock (_gate)
        {
            if (!_timers.Contains(timer))
            {
                _timers.Add(timer);
            }
        }
    }

    internal void Unregister(SimulatedTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private void FireDueTimers()
    {
        // Fire in due order, repeatedly, so a periodic timer catches up with a large jump.
        while (true)
        {
            var now = GetUtcNow();
            SimulatedTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= now).OrderBy(t => t.DueAt).FirstOrDefault();
            }

            if (next is null || !next.FireIfDue(now))
            {
                return;
            }
        }
    }
}
