using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Providers;

/// <summary>A clock on a day before every provider's training cut-off: validator tests whose issue lists must not
/// depend on the real date (from 2026-12-07 the default model's cut-off is within the 30-day warning window) use it.</summary>
internal static class LifecycleClock
{
    public static readonly DateTimeOffset BeforeCutOffs = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public static TimeProvider Create() => new FakeTimeProvider(BeforeCutOffs);
}
