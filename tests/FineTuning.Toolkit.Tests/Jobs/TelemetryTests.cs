using System.Diagnostics;
using System.Diagnostics.Metrics;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class TelemetryTests
{
    [Fact]
    public async Task RunAsync_EmitsActivitiesAndRequestMetricsNamedFineTuningToolkit()
    {
        var requests = 0L;
        var created = 0L;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "FineTuning.Toolkit")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "fine_tuning.api.requests")
            {
                Interlocked.Add(ref requests, value);
            }
            else if (instrument.Name == "fine_tuning.jobs.created")
            {
                Interlocked.Add(ref created, value);
            }
        });
        meters.Start();
        var activities = new List<string>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "FineTuning.Toolkit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity.OperationName); } },
        };
        ActivitySource.AddActivityListener(activityListener);
        using var context = new RunnerTestContext();

        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(context.WriteTrainingFile()).WithSuffix("telemetry")));

        Assert.True(result.Succeeded);
        Assert.True(Interlocked.Read(ref requests) >= context.Server.Requests.Count);
        Assert.True(Interlocked.Read(ref created) >= 1);
        lock (activities)
        {
            Assert.Contains("fine_tuning run", activities);
            Assert.Contains("fine_tuning watch", activities);
            Assert.Contains("openai create job", activities);
        }
    }
}
