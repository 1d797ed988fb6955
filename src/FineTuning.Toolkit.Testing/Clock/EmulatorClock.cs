namespace FineTuning.Toolkit.Testing;

/// <summary>
/// The emulator's simulated clock: a <see cref="TimeProvider"/> whose time runs <see cref="SpeedFactor"/> times faster
/// than an underlying real clock, and which tests can also move forward by hand with <see cref="Advance(TimeSpan)"/>.
/// </summary>
/// <remarks>
/// Every timestamp the emulator reports (<c>created_at</c>, <c>estimated_finish</c>, event times) and every state change
/// of a fine-tuning job (validating, queued, running, checkpoints, success) is computed from this clock, lazily, when a
/// request arrives. So a job with a simulated training time of twenty minutes finishes after one real second when the
/// speed factor is 1,200, and instantly after <c>Advance(TimeSpan.FromMinutes(20))</c>.
/// </remarks>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _baseClock;
    private readonly DateTimeOffset _simulatedStart;
    private readonly long _baseStartTimestamp;
    private readonly object _gate = new();
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
    }
}
