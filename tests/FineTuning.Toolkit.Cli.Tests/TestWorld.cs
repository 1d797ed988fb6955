namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>
/// The simulated day of tests whose subject is not a training cut-off: before OpenAI stops taking jobs (2027-01-06),
/// so they pass on any real date. Emulators start there (<c>StartTime</c>); runners read <c>emulator.Clock</c>, or
/// <see cref="Clock"/> when they must wait in real time. Tests about a cut-off use their own explicit dates.
/// </summary>
internal static class TestWorld
{
    /// <summary>2026-12-01 09:00 UTC.</summary>
    public static readonly DateTimeOffset Today = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="Today"/> as <c>ftk emulator --start-time</c> takes it.</summary>
    public static string TodayIso => Today.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A clock that reads <see cref="Today"/> plus the real time elapsed since it was created; its timers
    /// and delays are the system's.</summary>
    public static TimeProvider Clock() => new ShiftedClock(Today - TimeProvider.System.GetUtcNow());

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
