using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers.Together;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Jobs;
using Microsoft.Extensions.AI;
using OpenAI;

namespace FineTuning.Toolkit.Tests.Providers.Together;

public sealed class TogetherRunnerTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "How do I reset my password?")];

    private static string RawStatus(FineTuneJob job) => JsonNode.Parse(job.RawJson)!["status"]!.GetValue<string>();

    [Fact]
    public async Task RunAsync_LoraJobOnTogether_TrainsChatsWithoutThrowingOnEosAndCleansUp()
    {
        await using var lab = await TogetherLab.StartAsync();
        var request = FineTuneRequest.For(TogetherLab.Llama).WithTrainingFile(lab.WriteTrainingFile())
            .WithSuffix("techflow").WithEpochs(3).WithLora(16, 32, 0.05).WithCheckpoints(3).WithLearningRate(2e-4);
        var progress = new List<FineTuneProgress>();

        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(request, new SyncProgress<FineTuneProgress>(progress.Add)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("Meta-Llama-3.1-8B-Instruct-Reference-techflow-", result.FineTunedModel, StringComparison.Ordinal);
        var raw = progress.Where(p => p.Job is not null).Select(p => RawStatus(p.Job!)).ToHashSet();
        Assert.Superset(new HashSet<string> { "pending", "running", "completed" }, raw);
        Assert.Contains(progress, p => p.Status == FineTuneJobStatus.Queued && RawStatus(p.Job!) == "pending");
        Assert.Contains(result.Events, e => e.Type == "epoch_complete" && e.Step > 0);
        Assert.Contains(result.Events, e => e.Type == "job_complete");
        Assert.Equal(result.Events.Count, result.Events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(3, result.Checkpoints.Count);
        Assert.Equal(result.FineTunedModel, result.Checkpoints[^1].Model);
        Assert.True(result.Metrics.Count >= 3 && result.Metrics.All(m => m.TrainLoss > 0), "the loss curve comes from /fine-tunes/{id}/metrics");
        Assert.Equal(3, result.Job!.Epochs);
        Assert.True(result.TrainedTokens > 0);
        Assert.Equal(Math.Round(result.TrainedTokens!.Value * 0.48m / 1_000_000m, 4), result.EstimatedCostUsd); // Llama 3.1 8B LoRA: $0.48 / 1M

        var sent = JsonNode.Parse(lab.Emulator.Requests.Entries.Single(e => e.Method == "POST" && e.Route == "/v1/fine-tunes").RequestBody!)!;
        Assert.Equal(16, sent["training_type"]!["lora_r"]!.GetValue<int>());
        Assert.Equal(32, sent["training_type"]!["lora_alpha"]!.GetValue<int>());
        Assert.Equal(0.05, sent["training_type"]!["lora_dropout"]!.GetValue<double>());
        Assert.Equal(2e-4, sent["learning_rate"]!.GetValue<double>());
        Assert.Equal(3, sent["n_checkpoints"]!.GetValue<int>());
        Assert.Equal("sft", sent["training_method"]!["method"]!.GetValue<string>());

        // The OpenAI SDK's chat client throws on Together's "eos"; the Together chat client reads it as Stop.
        var sdk = new OpenAIClient(new ApiKeyCredential(lab.Emulator.ApiKey), new OpenAIClientOptions { Endpoint = lab.Emulator.Endpoint }).GetChatClient(result.FineTunedModel);
        await Assert.ThrowsAnyAsync<Exception>(() => sdk.CompleteChatAsync("How do I reset my password?"));
        using var chat = TogetherChatClient.Create(lab.Options, result.FineTunedModel!);
        var answer = await chat.GetResponseAsync(Question, new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 400 });
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        Assert.True(answer.Usage?.InputTokenCount > 0 && answer.Usage.OutputTokenCount > 0);
        var streamed = await chat.GetStreamingResponseAsync(Question, new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 400 }).ToChatResponseAsync();
        Assert.Equal(answer.Text, streamed.Text);
        Assert.Equal(ChatFinishReason.Stop, streamed.FinishReason);

        var deleted = await lab.Runner.CleanupAsync(result);

        Assert.Equal([result.TrainingFileId!, result.FineTunedModel!], deleted);
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync(Question));
        Assert.Equal(404, gone.Status);
        Assert.Empty(await lab.Runner.ListJobsAsync().ToListAsync());
    }

    [Fact]
    public async Task CancelAsync_RunningJob_EndsCancelledWithoutAModel()
    {
        await using var lab = await TogetherLab.StartAsync();
        var request = FineTuneRequest.For(TogetherLab.Llama).WithTrainingFile(lab.WriteTrainingFile()).WithEpochs(2);
        var cancelledAt = (FineTuneJob?)null;

        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(request, new SyncProgress<FineTuneProgress>(p =>
        {
            if (cancelledAt is null && p.Job is { } job && RawStatus(job) == "running")
            {
                cancelledAt = lab.Runner.CancelAsync(job.Id).GetAwaiter().GetResult();
            }
        })));

        Assert.NotNull(cancelledAt);
        Assert.Equal("cancel_requested", RawStatus(cancelledAt));
        Assert.Equal(FineTuneJobStatus.Running, cancelledAt.Status); // Together's cancel_requested: not over yet
        Assert.Equal(FineTuneJobStatus.Cancelled, result.Status);
        Assert.Null(result.FineTunedModel);
        Assert.Equal(1, lab.Emulator.Requests.Count("POST", "/v1/fine-tunes/{id}/cancel"));
        Assert.Equal("cancelled", RawStatus(await lab.Runner.GetJobAsync(result.JobId!)));
    }

    [Fact]
    public async Task RunAsync_LostUploadAndCreateResponses_OneFileOneJobAndASecondRunAttaches()
    {
        await using var lab = await TogetherLab.StartAsync();
        lab.Emulator.Faults.Enqueue("POST", "/v1/files/upload", EmulatorFault.LoseResponse());
        lab.Emulator.Faults.Enqueue("POST", "/v1/fine-tunes", EmulatorFault.LoseResponse());
        var request = FineTuneRequest.For(TogetherLab.Llama).WithTrainingFile(lab.WriteTrainingFile()).WithSuffix("techflow").WithEpochs(1);

        var first = await lab.Time.DriveAsync(lab.Runner.RunAsync(request));
        var second = await lab.Time.DriveAsync(lab.Runner.RunAsync(request));

        Assert.True(first.Succeeded, first.ToString());
        Assert.Single(await lab.Runner.ListJobsAsync().ToListAsync());
        Assert.Equal(1, lab.Emulator.Requests.Count("POST", "/v1/files/upload"));
        Assert.Equal(1, lab.Emulator.Requests.Count("POST", "/v1/fine-tunes"));
        Assert.Equal(first.JobId, second.JobId);
        Assert.True(second.ReusedJob);
        Assert.True(second.ReusedTrainingFile);
        Assert.Equal(first.FineTunedModel, second.FineTunedModel);
    }

    [Fact]
    public async Task RunAsync_HeldOutDataAndDpo_SendsValidationFileEvalsAndDpoBeta()
    {
        await using var lab = await TogetherLab.StartAsync();
        var path = lab.WriteTrainingFile();
        var request = FineTuneRequest.For(TogetherLab.Llama).WithTrainingFile(path).WithHeldOutFile(path).WithEpochs(2).WithSuffix("heldout");

        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(request));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(result.TrainingFileId, result.HeldOutFileId); // same content: uploaded once, reused by its hash
        var sent = JsonNode.Parse(lab.Emulator.Requests.Entries.Single(e => e.Method == "POST" && e.Route == "/v1/fine-tunes").RequestBody!)!;
        Assert.Equal(result.TrainingFileId, sent["validation_file"]!.GetValue<string>());
        Assert.Equal(2, sent["n_evals"]!.GetValue<int>());
        Assert.Null(sent["training_type"]); // no WithLora: Together's default (LoRA) applies
        var body = TogetherFineTuneService.Body(FineTuneRequest.For(TogetherLab.Llama).WithDpo(0.2), "file-1", null);
        var dpo = JsonNode.Parse(JsonSerializer.Serialize(body, TogetherJsonContext.Default.TogetherCreateJobPayload))!;
        Assert.Equal("dpo", dpo["training_method"]!["method"]!.GetValue<string>());
        Assert.Equal(0.2, dpo["training_method"]!["dpo_beta"]!.GetValue<double>());
    }
}
