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
        var emulator = await OpenAIEmulator.StartAsync();
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
