using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;

namespace TechFlow.SupportAssistant;

/// <summary>
/// Settings for the offline run: the emulator simulates the real durations (queue, validation, a few minutes of
/// training) on a clock running 300 times faster, so a job takes about two seconds; the runner polls it every
/// few hundred milliseconds instead of the seconds it waits between polls of the real service.
/// </summary>
internal static class OfflineDefaults
{
    public static OpenAIEmulatorOptions EmulatorOptions() => new()
    {
        Seed = 42,
        SpeedFactor = 300,
        FileProcessingDuration = TimeSpan.FromSeconds(5),
        ValidationDuration = TimeSpan.FromSeconds(20),
        QueueDuration = TimeSpan.FromSeconds(30),
        TrainingDuration = TimeSpan.FromMinutes(8),
    };

    public static FineTunePollingOptions Polling() => new()
    {
        QueuedInterval = TimeSpan.FromMilliseconds(100),
        QueuedBackoffFactor = 1,
        RunningInterval = TimeSpan.FromMilliseconds(150),
        MinInterval = TimeSpan.FromMilliseconds(50),
        MaxInterval = TimeSpan.FromMilliseconds(250),
        FinishWindow = TimeSpan.FromMilliseconds(200),
        FinishInterval = TimeSpan.FromMilliseconds(100),
        EventsInterval = TimeSpan.FromMilliseconds(250),
        FileProcessingInterval = TimeSpan.FromMilliseconds(50),
    };
}
