using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class EmulatorClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_SpeedFactor_RunsThatManyTimesFasterThanTheBaseClock()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new EmulatorClock(time, 1200, Start);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Start.AddMinutes(20), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_FrozenClock_MovesOnlyByHand()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new EmulatorClock(time, 0, Start);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Start, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(Start.AddMinutes(3), clock.GetUtcNow());
    }

    [Fact]
    public async Task Delay_OnTheClockWithSpeedFactor_CompletesAfterTheScaledRealTime()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new EmulatorClock(time, 60, Start);

        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock);
        time.Advance(TimeSpan.FromMilliseconds(990));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(10));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.GetUtcNow() >= Start.AddMinutes(1));
    }

    [Fact]
    public async Task Delay_OnAFrozenClock_CompletesWhenAdvancedPastIt()
    {
        var clock = new EmulatorClock(new FakeTimeProvider(Start), 0, Start);

        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void CreateTimer_Periodic_FiresOncePerPeriodCrossedAndStopsWhenDisposed()
    {
        var clock = new EmulatorClock(new FakeTimeProvider(Start), 0, Start);
        var ticks = 0;

        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(35));
        var afterJump = ticks;
        timer.Dispose();
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(3, afterJump);
        Assert.Equal(3, ticks);
        Assert.Throws<ArgumentNullException>("callback", () => clock.CreateTimer(null!, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void GetElapsedTime_UsesSimulatedTime()
    {
        var clock = new EmulatorClock(new FakeTimeProvider(Start), 0, Start);
        var started = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(TimeSpan.FromMinutes(7), clock.GetElapsedTime(started));
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("baseClock", () => new EmulatorClock(null!, 1, Start));
        Assert.Throws<ArgumentOutOfRangeException>("speedFactor", () => new EmulatorClock(TimeProvider.System, -1, Start));
        Assert.Throws<ArgumentOutOfRangeException>("delta", () => new EmulatorClock(TimeProvider.System, 1, Start).Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>("options", () => OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { ApiKey = " " }));
        await Assert.ThrowsAsync<ArgumentException>("options", () => OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = -2 }));
        await Assert.ThrowsAsync<ArgumentException>("options", () => OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TrainingDuration = TimeSpan.Zero }));
    }

    [Fact]
    public async Task StartAsync_Defaults_ListensOnLoopbackWithV1EndpointAndStopsOnDispose()
    {
        var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { StartTime = TestWorld.Today });
        var endpoint = emulator.Endpoint;
        using var http = new EmulatorHttp(emulator);
        Assert.Equal(200, (await http.GetAsync("/v1/models")).Status);

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        Assert.Equal("127.0.0.1", endpoint.Host);
        Assert.EndsWith("/v1", endpoint.AbsoluteUri, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/v1/models"));
    }
}
