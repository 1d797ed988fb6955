using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class PollingCadenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly FineTunePollingOptions _options = new();

    [Fact]
    public void NextDelay_Queued_StartsQuickAndBacksOff()
    {
        var first = PollingCadence.NextDelay(_options, FineTuneJobStatus.Queued, Now, null, 0, 0);
        var third = PollingCadence.NextDelay(_options, FineTuneJobStatus.ValidatingFiles, Now, null, 2, 0);

        Assert.Equal(TimeSpan.FromSeconds(2), first);
        Assert.Equal(TimeSpan.FromSeconds(8), third);
        Assert.Equal(_options.RunningInterval, PollingCadence.NextDelay(_options, FineTuneJobStatus.Queued, Now, null, 50, 0));
    }

    [Fact]
    public void NextDelay_RunningWithoutEstimate_UsesRunningInterval()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, null, 5, 0));
    }

    [Fact]
    public void NextDelay_FarFromEstimatedFinish_CappedAtMaxInterval()
    {
        var delay = PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, Now.AddMinutes(20), 1, 0);
        Assert.Equal(_options.MaxInterval, delay);
    }

    [Fact]
    public void NextDelay_ApproachingEstimatedFinish_HalvesThenSleepsToTheFinishWindow()
    {
        // The estimate is whole seconds, so the runner aims at the end of that second (estimate + 1 s).
        Assert.Equal(TimeSpan.FromSeconds(180), PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, Now.AddSeconds(400), 1, 0));
        Assert.Equal(TimeSpan.FromSeconds(60.5), PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, Now.AddSeconds(120), 1, 0));
        Assert.Equal(TimeSpan.FromSeconds(28), PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, Now.AddSeconds(30), 1, 0));
        Assert.Equal(_options.FinishInterval, PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, Now.AddSeconds(1), 1, 0));
    }

    [Fact]
    public void NextDelay_EstimateInThePast_NeverNegativeAndBacksOff()
    {
        var justLate = PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, Now.AddHours(-3), 1, PollingCadence.OverdueGracePolls);
        var veryLate = PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, Now, Now.AddHours(-3), 1, 40);

        Assert.Equal(_options.FinishInterval, justLate);
        Assert.Equal(_options.MaxInterval, veryLate);
        Assert.True(justLate > TimeSpan.Zero);
    }

    [Fact]
    public void NextDelay_NeverBelowMinInterval()
    {
        var options = new FineTunePollingOptions { FinishInterval = TimeSpan.FromMilliseconds(1), MinInterval = TimeSpan.FromMilliseconds(100) };
        Assert.Equal(TimeSpan.FromMilliseconds(100), PollingCadence.NextDelay(options, FineTuneJobStatus.Running, Now, Now.AddMilliseconds(-500), 0, 0));
    }

    [Fact]
    public void NextDelay_PausedJob_PollsSlowly()
    {
        Assert.Equal(_options.MaxInterval, PollingCadence.NextDelay(_options, FineTuneJobStatus.Paused, Now, null, 0, 0));
        Assert.Equal(_options.RunningInterval, PollingCadence.NextDelay(_options, new FineTuneJobStatus("some_new_status"), Now, null, 0, 0));
    }

    [Fact]
    public void NextDelay_TwentyMinuteRunWithAccurateEstimate_NoticesWithinTwoSecondsWithFewerPollsThanNaiveLoop()
    {
        var finish = Now.AddMinutes(20);
        var now = Now;
        var polls = 0;
        while (now < finish)
        {
            polls++;
            now += PollingCadence.NextDelay(_options, FineTuneJobStatus.Running, now, finish, polls, 0);
        }

        var naivePolls = (int)Math.Ceiling(TimeSpan.FromMinutes(20) / TimeSpan.FromSeconds(30));
        Assert.InRange(now - finish, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.True(polls < naivePolls, $"{polls} polls, naive loop {naivePolls}");
    }
}
