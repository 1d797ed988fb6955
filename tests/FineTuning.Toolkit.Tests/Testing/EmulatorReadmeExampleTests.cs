using System.ClientModel;
using FineTuning.Toolkit.Testing;
using OpenAI;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace FineTuning.Toolkit.Tests.Testing;

/// <summary>Runs the code of the README's emulator section (readme-parts/emulator.md), kept here verbatim so it compiles.</summary>
public sealed class EmulatorReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_StartUploadFineTuneWithFaults_Works()
    {
        var jsonl = TechFlowTrainingData.ToJsonl();

        // README snippet (readme-parts/emulator.md) — begin
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions
        {
            SpeedFactor = 1200, // simulated seconds per real second: a 20-minute training run takes one second
            Seed = 42,          // same seed, same ids, loss curves, answers and seeded faults
            StartTime = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), // simulated "now": before OpenAI's 2027-01-06 cut-off
        });
        var client = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.Endpoint });

        OpenAIFile file = await client.GetOpenAIFileClient().UploadFileAsync(
            BinaryData.FromString(jsonl), "techflow_training.jsonl", FileUploadPurpose.FineTune);
        emulator.Clock.Advance(TimeSpan.FromSeconds(10)); // or just wait: the file is "processed" after 5 simulated seconds
        FineTuningJob job = await client.GetFineTuningClient().FineTuneAsync(
            "gpt-4o-mini-2024-07-18", file.Id, waitUntilCompleted: false, new FineTuningOptions { Suffix = "techflow-support" });
        // README snippet — end

        // README snippet (faults) — begin
        emulator.Faults
            .Enqueue("GET", "/v1/fine_tuning/jobs/{id}", EmulatorFault.RateLimit(TimeSpan.FromMilliseconds(20)), EmulatorFault.None)
            .Enqueue("POST", "/v1/fine_tuning/jobs", EmulatorFault.DailyRateLimit())
            .SetRate("GET", "/v1/fine_tuning/jobs/{id}/events", 0.3, EmulatorFault.ServiceUnavailable()); // 30 %, seeded

        await job.UpdateStatusAsync(); // the SDK retries the 429 after retry-after-ms, then succeeds
        int throttled = emulator.Requests.Count("GET", "/v1/fine_tuning/jobs/{id}", statusCode: 429);
        // README snippet (faults) — end

        Assert.Equal(1, throttled);
        Assert.Equal(1, emulator.Requests.Count("GET", "/v1/fine_tuning/jobs/{id}", statusCode: 200));
        Assert.NotEqual(FineTuningStatus.Failed, job.Status);
        Assert.Equal(1, emulator.Faults.PendingCount);
    }
}
