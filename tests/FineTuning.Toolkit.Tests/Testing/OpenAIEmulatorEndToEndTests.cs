using System.ClientModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class OpenAIEmulatorEndToEndTests
{
    [Fact]
    public async Task OfficialSdk_FullFineTuningLifecycle_SucceedsInSeconds()
    {
        var stopwatch = Stopwatch.StartNew();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = time, SpeedFactor = 1200 });
        var client = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.Endpoint });
        var files = client.GetOpenAIFileClient();

        // Upload, then wait for the file to be processed (a job created before that fails).
        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(TechFlowTrainingData.ToJsonl()), "techflow_training.jsonl", FileUploadPurpose.FineTune);
        Assert.StartsWith("file-", file.Id, StringComparison.Ordinal);
        Assert.Equal(FilePurpose.FineTune, file.Purpose);
        while (FileStatusOf(await files.GetFileAsync(file.Id)) != "processed")
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var fineTuning = client.GetFineTuningClient();
        var job = await fineTuning.FineTuneAsync(
            "gpt-4o-mini-2024-07-18",
            file.Id,
            waitUntilCompleted: false,
            new FineTuningOptions { Suffix = "techflow-support", Seed = 7, TrainingMethod = FineTuningTrainingMethod.CreateSupervised(epochCount: 3) });
        Assert.Equal(FineTuningStatus.ValidatingFiles, job.Status);

        var polls = 0;
        while (!IsTerminal(job.Status.ToString()) && polls++ < 1000)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await job.UpdateStatusAsync();
        }

        Assert.Equal(FineTuningStatus.Succeeded, job.Status);
        // The SDK's typed job hides fine_tuned_model and does not refresh everything on UpdateStatus: read the raw JSON.
        using var raw = JsonDocument.Parse((await job.UpdateStatusAsync()).GetRawResponse().Content);
        Assert.InRange(raw.RootElement.GetProperty("trained_tokens").GetInt64(), 20 * 3 * 100, 20 * 3 * 400);
        var resultFileId = raw.RootElement.GetProperty("result_files")[0].GetString()!;
        var model = raw.RootElement.GetProperty("fine_tuned_model").GetString()!;
        Assert.Matches("^ft:gpt-4o-mini-2024-07-18:emulator-org:techflow-support:[A-Za-z0-9]{8}$", model);

        var events = new List<FineTuningEvent>();
        await foreach (var item in job.GetEventsAsync(new GetEventsOptions { PageSize = 10 }))
        {
            events.Add(item);
        }

        Assert.Contains(events, e => e.Message.StartsWith("Created fine-tuning job", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == FineTuningJobEventKind.Metrics);
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt), "events are listed newest first");

        var checkpoints = new List<FineTuningCheckpoint>();
        await foreach (var checkpoint in job.GetCheckpointsAsync())
        {
            checkpoints.Add(checkpoint);
        }

        Assert.Equal(3, checkpoints.Count);
        Assert.All(checkpoints, c => Assert.StartsWith(model + ":ckpt-step-", c.ModelId, StringComparison.Ordinal));

        // Like the real service, the emulator serves the result CSV base64-encoded.
        var csv = Encoding.UTF8.GetString(Convert.FromBase64String((await files.DownloadFileAsync(resultFileId)).Value.ToString()));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy", lines[0]);
        Assert.Equal(20 * 3 + 1, lines.Length);

        ChatCompletion answer = await client.GetChatClient(model).CompleteChatAsync(
            [new SystemChatMessage(TechFlowTrainingData.SystemPrompt), new UserChatMessage("How do I reset my password?")]);
        Assert.Contains("techflow.com/reset", answer.Content[0].Text, StringComparison.Ordinal);
        Assert.True(answer.Usage.InputTokenCount > 20);
        Assert.True(answer.Usage.OutputTokenCount > 20);

        var deletion = (await client.GetOpenAIModelClient().DeleteModelAsync(model)).Value;
        Assert.True(deletion.Deleted);
        Assert.True((await files.DeleteFileAsync(file.Id)).Value.Deleted);
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient(model).CompleteChatAsync([new UserChatMessage("Hello")]));
        Assert.Equal(404, gone.Status);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task OfficialSdk_ListCancelAndUnknownPausedStatus_AreUnderstood()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var client = emulator.CreateOpenAIClient();
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        var fineTuning = client.GetFineTuningClient();
        var first = await fineTuning.FineTuneAsync("gpt-4o-mini-2024-07-18", fileId, waitUntilCompleted: false);
        var second = await fineTuning.FineTuneAsync("gpt-4o-mini-2024-07-18", fileId, waitUntilCompleted: false);

        var listed = new List<string>();
        await foreach (var job in fineTuning.GetJobsAsync())
        {
            listed.Add(job.JobId);
        }

        await first.CancelAndUpdateAsync();
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        await http.PostAsync($"/v1/fine_tuning/jobs/{second.JobId}/pause");
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        await second.UpdateStatusAsync();
        var files = (await client.GetOpenAIFileClient().GetFilesAsync(FilePurpose.FineTune)).Value;

        Assert.Equal([second.JobId, first.JobId], listed);
        Assert.Equal(FineTuningStatus.Cancelled, first.Status);
        Assert.Equal("paused", second.Status.ToString());
        Assert.Equal(fileId, Assert.Single(files).Id);
    }

    [Fact]
    public async Task SpeedFactor_DifferentPollingFrequencies_GiveTheSameIdsForTheSameSeed()
    {
        async Task<string> FineTunedModelAsync(TimeSpan pollEvery)
        {
            var time = new FakeTimeProvider();
            await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = time, Seed = 3 });
            using var http = new EmulatorHttp(emulator);
            var file = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
            time.Advance(TimeSpan.FromSeconds(1));
            var jobId = await EmulatorScenario.CreateJobAsync(http, file.Id);
            while (true)
            {
                time.Advance(pollEvery);
                var job = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}")).Body;
                if (IsTerminal(job["status"]!.GetValue<string>()))
                {
                    return job["fine_tuned_model"]!.GetValue<string>();
                }
            }
        }

        Assert.Equal(await FineTunedModelAsync(TimeSpan.FromMilliseconds(20)), await FineTunedModelAsync(TimeSpan.FromMilliseconds(500)));
    }

    private static string? FileStatusOf(ClientResult<OpenAIFile> result)
    {
        using var document = JsonDocument.Parse(result.GetRawResponse().Content);
        return document.RootElement.GetProperty("status").GetString();
    }

    private static bool IsTerminal(string status) => status is "succeeded" or "failed" or "cancelled";
}
